// The whole life of a consultation, through the real programs: staff create it from a draft in
// the admin window, open it and publish; a kiosk in scripted mode swaps it in and takes a
// visitor's opinion with a passport; the hub receives it; staff export it, adopt it with a reply
// and trace it to the article of the law it changed; the kiosk's passport and the phone's
// passport page then show the reply, the certificate and the article as adopted.
#include <catch2/catch.hpp>

#include <regex>

#include "core/tokens/token.h"
#include "tests/gui/hub_process.h"
#include "tests/gui/kiosk_run.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

const char* kDraftZh =
    "锦江区社区食堂管理办法\n（征求意见稿）\n为了办好社区食堂，方便老年人就餐，制定本办法。\n"
    "第一条　目的\n为了规范社区食堂的运营，制定本办法。\n【解读】这一条说明为什么要订这个办法。\n"
    "第二条　价格公示\n社区食堂应当在显著位置公示菜品价格。\n【解读】饭菜多少钱，要贴出来让大家看到。\n"
    "第三条　意见箱\n社区食堂应当设置意见箱，每月公布处理结果。\n【解读】有意见可以投到意见箱，食堂每月要回复。\n";
const char* kDraftEn =
    "Measures on Community Canteens in Jinjiang District\n(Draft for Public Comment)\n"
    "To run community canteens well and make meals easy for older residents, these Measures are made.\n"
    "Article 1 Purpose\nThese Measures regulate the running of community canteens.\n"
    "Plain: This article says why the Measures are made.\n"
    "Article 2 Prices\nA community canteen shall post the prices of its dishes where they can be seen.\n"
    "Plain: What a meal costs must be posted for everyone to see.\n"
    "Article 3 Suggestion box\nA community canteen shall keep a suggestion box and publish how suggestions were "
    "handled every month.\nPlain: Put your suggestions in the box; the canteen answers every month.\n";
const char* kLaw =
    "锦江区社区食堂管理办法\n第一条　为了规范社区食堂的运营，制定本办法。\n"
    "第二条　社区食堂应当在显著位置公示菜品价格，价格调整应当提前七日公告。\n"
    "第三条　社区食堂应当设置意见箱，每月公布处理结果。\n";

}  // namespace

TEST_CASE("a consultation's whole life: created in the admin window, answered at a kiosk, adopted, traced into the law",
          "[gui][admin][lifecycle]") {
    TempDir dir;
    HubProcess hub(dir);
    register_demo_kiosk(hub, dir);
    auto content = dir / "content";
    copy_tree(demo_content_dir(), content);
    write_text(dir / "canteen.zh.txt", kDraftZh);
    write_text(dir / "canteen.en.txt", kDraftEn);

    // 1. Staff: a new draft from the drafting office's file, opened for opinions, published.
    std::string s = "expect-screen edit\nsync-wait 20000\ntap-text ＋ 从草案新建征求意见稿\n";
    s += "tap-text new-id\ntype canteens\ntap-text new-zh\ntype " + (dir / "canteen.zh.txt").string() + "\n";
    s += "tap-text new-en\ntype " + (dir / "canteen.en.txt").string() + "\ntap-text new-deadline\ntype 2099-12-31\n";
    s += "tap-text 导入草案\nwait 300\ntap-text 征集意见\nwait 200\nshot lifecycle-created\n";
    s += "tap-text 发布到一体机\ntap-text 发布\nsync-wait 30000\nwait 300\nshot lifecycle-published\n";
    auto admin = run_scripted(dir, editor_command(hub, content, "zh"), s, "lifecycle-admin");
    INFO(admin.output);
    REQUIRE(admin.exit_code == 0);
    REQUIRE(admin.all("imported").size() == 1);
    REQUIRE(admin.all("publish").size() == 1);

    // 2. A visitor at the kiosk: the new draft, article 2, an opinion, a passport.
    std::string config = kiosk_config_for(dir, hub);
    std::string k = "sync-wait 30000\nwait 1000\nsync-wait 30000\nwait 1000\n";
    // The new draft is listed last: scrolled to first.
    k += "tap 500 500\ntap-text 征求意见\ndrag 960 950 960 250 400\nwait 1500\n";
    k += "tap-text 锦江区社区食堂管理办法（征求意见稿）\nwait 300\ntap-text 2\nwait 300\n";
    k += "tap-text 对这一条提意见\ntap-text 建议修改\ntap-text ABC\ntype prices should be posted a week ahead\n";
    k += "tap-text 下一步\ntap-text 不留联系方式\ntap-text 提交意见\nexpect-screen opinion-thanks\n";
    k += "tap-text 领取参与护照\nexpect-screen passport\nsync-wait 30000\n";
    auto first = run_kiosk(dir, k, 1920, 1080, config, "lifecycle-kiosk-1");
    INFO(first.output);
    REQUIRE(first.exit_code == 0);
    REQUIRE(first.all("content_swapped").size() == 1);

    // 3. The hub holds it; staff export it for the experts.
    auto listed = hub.admin("opinions list --consultation canteens");
    INFO(listed.output);
    std::smatch m;
    REQUIRE(std::regex_search(listed.output, m, std::regex("([0-9a-f-]{36})  canteens")));
    std::string opinion = m[1];
    auto csv = dir / "export.csv";
    REQUIRE(hub.admin("opinions export " + csv.string()).exit_code == 0);
    CHECK(read_text(csv).find("prices should be posted a week ahead") != std::string::npos);

    // 4. Adopted with a reply; the law as passed; the opinion traced to its article 2.
    const std::string reply = "采纳：第二条增加了调价提前七日公告的规定。";
    auto adopted = hub.admin("adopt " + opinion + " --reply " + reply);
    INFO(adopted.output);
    REQUIRE(adopted.exit_code == 0);
    write_text(dir / "law.txt", kLaw);
    REQUIRE(hub.admin("consultation final canteens --zh " + (dir / "law.txt").string()).exit_code == 0);
    REQUIRE(hub.admin("opinions trace " + opinion + " 2").exit_code == 0);

    // 5. Back at the kiosk: the passport shows the reply, the certificate and the law's words.
    std::string token = kiosk_passport_token(dir);
    auto report = dir / "layout.jsonl";
    auto second = run_kiosk(dir,
                            "sync-wait 30000\nscan " + passport_url("http://localhost:8470", token) +
                                "\nexpect-screen passport\nshot lifecycle-passport\n",
                            1920, 1080, config + " --layout-report " + report.string(), "lifecycle-kiosk-2");
    INFO(second.output);
    REQUIRE(second.exit_code == 0);
    auto shown = shown_by_shot(report)["lifecycle-passport"];
    INFO(shown);
    CHECK(shown.find(reply) != std::string::npos);
    CHECK(shown.find("意见采纳证书") != std::string::npos);
    CHECK(shown.find("您的意见 → 第二条（通过稿）") != std::string::npos);
    CHECK(shown.find("价格调整应当提前七日公告") != std::string::npos);

    // 6. And the phone's page of the same passport, from the hub.
    std::string url = passport_url(hub.url(), token);
    auto page = run_command("curl -s --max-time 20 '" + url + "'");
    REQUIRE(page.exit_code == 0);
    CHECK(page.output.find(reply) != std::string::npos);
    CHECK(page.output.find("价格调整应当提前七日公告") != std::string::npos);
    CHECK(page.output.find("/C/") != std::string::npos);  // the certificate, one tap away
}
