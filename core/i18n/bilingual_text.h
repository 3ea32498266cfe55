// How a label reads in the kiosk's bilingual mode (中英), and how a script names a label that
// spans lines: one rule for the kiosk's Ui and for the tests that tap its targets.
#pragma once

#include <string>

namespace lianxin {

// A label in both languages: "中文 English" on one line when the English is short, else the
// English on a line of its own; one of them alone when they are the same or one is empty.
std::string both_languages(const std::string& zh, const std::string& en);
// Content text in both languages: the English always on a line (paragraph) of its own.
std::string both_texts(const std::string& zh, const std::string& en);
// The name a tap target is found by in scripts (`tap-text`): its label on one line.
std::string target_name(const std::string& label);

}  // namespace lianxin
