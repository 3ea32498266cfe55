// bench/README.md "export of 100,000 opinions": the admin tool's command layer (admin-tool/ops/)
// fetching every opinion from a real HubServer on loopback (signed pages of kAdminListMax over
// HTTP, JSON parsed by the tool's reader) and writing them as CSV and as XLSX, per run. The
// reference measured in the same run: the same pages read straight from the store
// (HubStore::list_opinions, no HTTP, no JSON), the store's own ceiling.
//
// Usage: lianxin-bench-export [--runs N] [--opinions N] [--store sqlite|postgres]
// Opinions look like a kiosk's (see ingest_bench.cpp): 2–7 sentences, half with contact details,
// over two consultations and seven articles. They are loaded once, before the first run.
#include <spdlog/spdlog.h>

#include <cstring>

#include "admin-tool/ops/opinion_export.h"
#include "admin-tool/ops/opinion_ops.h"
#include "bench/hub_bench_support.h"
#include "core/base/field_limits.h"
#include "core/base/uuid.h"

using namespace lianxin;
using namespace lianxin::bench;

namespace {

void load_opinions(hub::HubStore& store, const std::string& kiosk_id, std::size_t n) {
    const std::string sentence = "物业收费标准应当按季度公示，业主有权查询明细。";
    std::int64_t t = wall_ms() - 86'400'000;
    for (std::size_t done = 0; done < n;) {
        SyncPush push;
        push.kiosk = kiosk_id;
        for (std::size_t i = 0; i < kSyncMaxBatch && done < n; ++i, ++done) {
            Opinion o;
            o.id = new_uuid_v7(++t);
            o.consultation_id = done % 3 ? "property-rules" : "elderly-meals";
            o.article = done % 8 ? std::optional<int>(static_cast<int>(done % 7) + 1) : std::nullopt;
            o.stance = static_cast<Stance>(done % 3);
            for (std::size_t s = 0; s < 2 + done % 6; ++s) o.text += sentence;
            if (done % 2 == 0) {
                o.contact_name = "王芳";
                o.contact_phone = "138" + std::to_string(10000000 + done % 1000000);
                o.contact_consent = true;
            }
            o.kiosk = "bench-hall";
            o.created_at_ms = t;
            push.opinions.push_back(std::move(o));
        }
        if (auto r = store.ingest(kiosk_id, push, wall_ms()); !r) die("ingest: " + r.error().detail);
    }
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 3;
    std::size_t opinions = 100'000;
    std::string kind = "sqlite";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--opinions")) opinions = static_cast<std::size_t>(std::atol(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--store")) kind = argv[i + 1];
        else die(std::string("unknown option ") + argv[i]);
    }
    spdlog::set_level(spdlog::level::warn);
    FreshStore fresh(kind);
    LiveHub hub(std::move(fresh.store));
    SecretKey kiosk = generate_key(), admin_key = generate_key();
    hub.register_kiosk(kiosk.pub.id, kiosk.pub);
    if (auto st = hub.store().add_admin_key(admin_key.pub, wall_ms()); !st) die(st.error().detail);
    auto t_load = Clock::now();
    load_opinions(hub.store(), kiosk.pub.id, opinions);
    std::printf("store %s: %zu opinions loaded in %.1f s (load %.2f)\n", kind.c_str(), opinions, seconds_since(t_load), load1());

    auto text = admin::load_admin_text(Lang::zh);
    if (!text) die(text.error().detail);
    admin::HubConnection conn{hub.url(), admin_key};
    test::TempDir out;
    std::vector<double> ref, fetch, csv, xlsx;
    for (int r = 0; r < runs; ++r) {
        // Reference: the store's own pages.
        auto t0 = Clock::now();
        std::size_t seen = 0;
        for (hub::OpinionFilter f;; f.offset += kAdminListMax) {
            f.limit = kAdminListMax;
            auto page = hub.store().list_opinions(f);
            if (!page) die(page.error().detail);
            seen += page->size();
            if (page->size() < kAdminListMax) break;
        }
        ref.push_back(seconds_since(t0));
        if (seen != opinions) die("the store lists " + std::to_string(seen) + " opinions");

        t0 = Clock::now();
        auto all = admin::fetch_opinions(conn, {});
        if (!all) die(all.error().detail);
        fetch.push_back(seconds_since(t0));
        if (all->size() != opinions) die("fetched " + std::to_string(all->size()));

        t0 = Clock::now();
        if (auto st = admin::export_opinions(out.path() / "opinions.csv", *all, *text, true); !st) die(st.error().detail);
        csv.push_back(seconds_since(t0));
        t0 = Clock::now();
        if (auto st = admin::export_opinions(out.path() / "opinions.xlsx", *all, *text, true); !st) die(st.error().detail);
        xlsx.push_back(seconds_since(t0));
        std::printf("run %d: store pages %.2f s | fetch over HTTP %.2f s | CSV %.2f s | XLSX %.2f s (load %.2f)\n", r + 1,
                    ref.back(), fetch.back(), csv.back(), xlsx.back(), load1());
    }
    auto size = [&](const char* f) { return std::filesystem::file_size(out.path() / f) / 1'000'000.0; };
    std::printf("median of %d: store pages %.2f s, fetch %.2f s (%.1f× the store), CSV %.2f s (%.1f MB), XLSX %.2f s "
                "(%.1f MB); fetch + XLSX %.2f s\n",
                runs, median(ref), median(fetch), median(fetch) / median(ref), median(csv), size("opinions.csv"),
                median(xlsx), size("opinions.xlsx"), median(fetch) + median(xlsx));
    return 0;
}
