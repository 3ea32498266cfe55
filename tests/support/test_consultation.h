// A consultation built in code for opinion tests: collecting, deadline 2027-01-31, 7 articles.
#pragma once

#include "core/content/content_model.h"

namespace lianxin::test {

inline Consultation draft_under_consultation() {
    Consultation c;
    c.id = "property-rules";
    c.title = {"物业管理规定", "Property rules"};
    c.deadline = {2027, 1, 31};
    c.stage_id = kCollectingStage;
    c.stages = default_consultation_stages();
    for (int n = 1; n <= 7; ++n)
        c.articles.push_back(Article{n, {"条", "Article"}, {"文", "text"}, {"白话", "plain"}, {}});
    return c;
}

}  // namespace lianxin::test
