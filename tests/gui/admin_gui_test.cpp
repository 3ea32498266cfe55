// The admin window (`lianxin-admin gui`) driven by a script under Xvfb against a real lianxin-hub
// on loopback: a review with a status and a reply in two taps, a bulk decision by keyboard, a
// rollback after its question, a resident's meeting request answered from the visitors view, and
// every view drawn in both languages. What the window did is
// checked at the hub through the CLI, not in the window's own log.
#include <catch2/catch.hpp>

#include <regex>

#include "core/net/http_client.h"
#include "tests/gui/hub_process.h"
#include "tests/gui/kiosk_run.h"
#include "tests/support/form_encode.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

// `lianxin-admin gui` on `hub` with the demo content's articles, at 1600×1000 in `lang`.
std::string gui_command(const HubProcess& hub, const std::string& lang, const std::string& view = "review") {
    return "env LIANXIN_HUB=" + hub.url() + " LIANXIN_ADMIN_KEY=" + (demo_dir() / "admin.key").string() + " " +
           LIANXIN_ADMIN + " gui --windowed 1600x1000 --lang " + lang + " --view " + view + " --content " +
           demo_content_dir().string();
}

void record(const HubProcess& hub, const std::string& text, const std::string& stance = "suggest", int article = 1) {
    auto r = hub.admin("opinions record --channel paper --consultation property-rules --article " + std::to_string(article) +
                       " --stance " + stance + " --text '" + text + "'");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
}

// The status and reply the hub holds for the opinion whose text is `text` (`opinions export` as CSV).
std::string hub_row(const HubProcess& hub, const std::string& text) {
    auto csv = hub.dir / "check.csv";
    std::filesystem::remove(csv);
    // Exported in Chinese, whatever the machine's locale: the statuses are matched in Chinese.
    auto r = run_command("env LC_ALL=zh_CN.UTF-8 LIANXIN_HUB=" + hub.url() + " LIANXIN_ADMIN_KEY=" +
                         (demo_dir() / "admin.key").string() + " " + LIANXIN_ADMIN + " opinions export " + csv.string());
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    std::string all = read_text(csv);
    auto at = all.find(text);
    REQUIRE(at != std::string::npos);
    auto start = all.rfind('\n', at);
    return all.substr(start == std::string::npos ? 0 : start + 1, all.find('\n', at) - (start == std::string::npos ? 0 : start + 1));
}

// A request to meet deputy `deputy` sent through the hub's phone form, as a resident's phone sends it.
void ask_to_meet(const HubProcess& hub, const std::string& deputy, const std::string& topic) {
    HttpRequest get;
    get.url = hub.url() + "/m/";
    get.total_timeout_ms = 10'000;
    FormSession form = form_session(http_request(get));
    HttpRequest post;
    post.method = "POST";
    post.url = hub.url() + "/m/";
    post.total_timeout_ms = 10'000;
    post.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", form.cookie}};
    post.body = form_encode({{"lang", "zh"}, {"deputy", deputy}, {"topic", topic}, {"name", "李阿姨"},
                             {"phone", "13912345678"}, {"consent", "1"},
                             {"form_token", form.token}});
    HttpResponse r = http_request(post);
    INFO(r.body);
    REQUIRE(r.status == 200);
    REQUIRE(r.body.find("谢谢") != std::string::npos);
}

}  // namespace

TEST_CASE("admin window: a resident's meeting request is answered from the visitors view", "[gui][admin]") {
    TempDir dir;
    HubProcess hub(dir);
    REQUIRE(hub.admin("content publish " + (demo_dir() / "demo.lxb").string()).exit_code == 0);
    ask_to_meet(hub, "he-jianguo", "小区加装电梯的费用分摊");
    auto listed = hub.admin("meetings list");
    INFO(listed.output);
    REQUIRE(listed.exit_code == 0);
    std::smatch found;
    REQUIRE(std::regex_search(listed.output, found, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}")));
    const std::string id = found.str();

    std::string s = "tap-text 来访与约见\nexpect-screen visitors\nsync-wait 20000\nshot visitors-zh\n";
    s += "tap-text " + id + "\n";
    s += "tap-text 已转交相关部门\n";
    s += "tap-text 给群众的答复（凭护照在一体机上查看）\ntype 已转街道办，下周给您回电话。\n";
    s += "tap-text 保存答复\nsync-wait 20000\nwait 200\nshot visitors-answered-zh\n";
    auto run = run_scripted(dir, gui_command(hub, "zh"), s, "admin-visitors-zh");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);

    auto after = hub.admin("meetings list --status referred");
    INFO(after.output);
    REQUIRE(after.exit_code == 0);
    CHECK(after.output.find(id) != std::string::npos);
    CHECK(after.output.find("已转街道办，下周给您回电话。") != std::string::npos);
    CHECK(after.output.find("13912345678") != std::string::npos);  // the reviewer sees the contact
    CHECK(hub.admin("audit list").output.find("meeting.answer") != std::string::npos);
    CHECK(run.shot("visitors-zh").width == 1600);
}

TEST_CASE("admin window: an opinion is read beside its article and adopted with a reply in two taps", "[gui][admin]") {
    TempDir dir;
    HubProcess hub(dir);
    record(hub, "电梯维修基金应当每年公开一次账目");
    record(hub, "建议增加业主大会的线上投票方式", "support", 2);

    std::string s = "expect-screen review\nsync-wait 20000\nshot review-zh\n";
    s += "tap-text 电梯维修基金应当每年公开一次账目\n";
    s += "tap-text 已采纳\n";
    s += "tap-text 答复群众（会显示在一体机和手机页面上）\ntype 感谢您的建议，第一条已写入每年公开账目。\n";
    s += "tap-text 保存\nsync-wait 20000\nwait 200\nshot review-saved-zh\n";
    auto run = run_scripted(dir, gui_command(hub, "zh"), s, "admin-review-zh");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);

    auto row = hub_row(hub, "电梯维修基金应当每年公开一次账目");
    CHECK(row.find("已采纳") != std::string::npos);
    CHECK(row.find("感谢您的建议，第一条已写入每年公开账目。") != std::string::npos);
    // The other opinion is untouched.
    CHECK(hub_row(hub, "建议增加业主大会的线上投票方式").find("已收到") != std::string::npos);
    // And the audit log names the change.
    auto audit = hub.admin("audit list");
    INFO(audit.output);
    CHECK(audit.output.find("adopted") != std::string::npos);

    // What the reviewer saw: the article's own text beside the opinion (from the demo content).
    auto shot = run.shot("review-zh");
    CHECK(shot.width == 1600);
    CHECK(shot.height == 1000);
}

TEST_CASE("admin window: every opinion ticked gets one status by keyboard", "[gui][admin]") {
    TempDir dir;
    HubProcess hub(dir);
    for (int i = 1; i <= 3; ++i) record(hub, "Opinion number " + std::to_string(i) + " on the rules", "oppose", i);

    std::string s = "sync-wait 20000\ntap-text Select all shown\nkey 5\nkey ctrl+Return\nsync-wait 20000\nwait 200\n";
    s += "shot bulk-en\n";
    auto run = run_scripted(dir, gui_command(hub, "en"), s, "admin-bulk-en");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    for (int i = 1; i <= 3; ++i) CHECK(hub_row(hub, "Opinion number " + std::to_string(i)).find("未采纳") != std::string::npos);
}

TEST_CASE("admin window: a rollback asks first, then kiosks are told to run the earlier version", "[gui][admin]") {
    TempDir dir;
    HubProcess hub(dir);
    auto key = demo_dir() / "publisher.key";
    REQUIRE(hub.admin("content publish " + build_bundle(dir, "v1", "2026.12.1", key).string()).exit_code == 0);
    REQUIRE(hub.admin("content publish " + build_bundle(dir, "v2", "2026.12.2", key).string()).exit_code == 0);

    // Cancel first: nothing changes.
    std::string s = "expect-screen history\nsync-wait 20000\ntap-text 回退到此版本 2026.12.1\nwait 200\nshot ask-zh\n";
    s += "tap-text 取消\nwait 200\n";
    s += "tap-text 回退到此版本 2026.12.1\nwait 200\ntap-text 确定回退\nsync-wait 20000\nwait 200\nshot rolled-back-zh\n";
    auto run = run_scripted(dir, gui_command(hub, "zh", "history"), s, "admin-history-zh");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto history = hub.admin("content history");
    INFO(history.output);
    REQUIRE(history.exit_code == 0);
    // Newest first: the rollback to 2026.12.1, then 2026.12.2, then 2026.12.1 — three, not four.
    std::regex row("(2026\\.12\\.[12])");
    std::vector<std::string> versions;
    for (std::sregex_iterator it(history.output.begin(), history.output.end(), row), end; it != end; ++it)
        versions.push_back((*it)[1]);
    CHECK(versions == std::vector<std::string>{"2026.12.1", "2026.12.2", "2026.12.1"});
}

TEST_CASE("admin window: every view is drawn in both languages, and without a hub it says how to connect",
          "[gui][admin]") {
    TempDir dir;
    HubProcess hub(dir);
    record(hub, "电梯维修基金应当每年公开一次账目");
    record(hub, "Please add online voting for owner meetings", "support", 2);
    REQUIRE(hub.admin("kiosk register hall-1 --key " + (demo_dir() / "kiosk.key").string() + " --code JJ1 -o " +
                      (dir / "reg.toml").string())
                .exit_code == 0);
    REQUIRE(hub.admin("content publish " + (demo_dir() / "demo.lxb").string()).exit_code == 0);
    for (std::string lang : {"zh", "en"}) {
        TempDir run_dir;
        std::string s = "sync-wait 20000\nshot review\n";
        for (auto [label_zh, label_en, name] : {std::tuple{"来访与约见", "Visitors", "visitors"}, {"统计", "Statistics", "stats"},
                                                {"一体机", "Kiosks", "fleet"},
                                                {"发布记录", "Publications", "history"}, {"操作记录", "Audit log", "audit"}}) {
            s += std::string("tap-text ") + (lang == "zh" ? label_zh : label_en) + "\nexpect-screen " + name +
                 "\nsync-wait 20000\nwait 100\nshot " + name + "\n";
        }
        auto run = run_scripted(run_dir, gui_command(hub, lang), s, "admin-views-" + lang);
        INFO(run.output);
        REQUIRE(run.exit_code == 0);
        for (const char* name : {"review", "visitors", "stats", "fleet", "history", "audit"})
            CHECK(run.shot(name).width == 1600);
    }
    // No hub configured: the window opens and tells the operator what to give it.
    TempDir lonely;
    auto run = run_scripted(lonely, std::string("env -u LIANXIN_HUB -u LIANXIN_ADMIN_KEY ") + LIANXIN_ADMIN +
                                        " gui --windowed 1200x800 --lang zh",
                            "shot no-hub\n", "admin-no-hub");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
}
