// Kill times for the durability tests, drawn around the acknowledgement times observed in this
// run rather than fixed: on a slow or loaded machine fixed times killed every run before its first
// acknowledgement, and a run of kills that finds nothing acknowledged proves nothing.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <vector>

namespace lianxin::test {

class KillTiming {
  public:
    // `early_share` of the kills land before the first acknowledgement is expected (start-up,
    // opening and recovering the database), the rest from it to a few acknowledgements on.
    explicit KillTiming(std::uint32_t seed, double early_share = 0.1) : rng_(seed), early_share_(early_share) {}

    // What one run showed, in ms after its start: when its first acknowledgement arrived and the
    // gap to the next one (when seen), or that none had arrived by the kill at `killed_at_ms`.
    void observe(std::optional<double> first_ack_ms, std::optional<double> gap_ms, double killed_at_ms) {
        if (first_ack_ms) {
            remember(firsts_, *first_ack_ms);
        } else if (!firsts_.empty() && killed_at_ms >= 0.8 * typical_first()) {
            // Meant to land after an acknowledgement and none came: the machine slowed down. Move
            // the estimate past this kill so the next ones do not repeat the miss.
            remember(firsts_, killed_at_ms * 1.25);
        }
        if (gap_ms) remember(gaps_, *gap_ms);
    }

    bool calibrated() const { return !firsts_.empty(); }
    double typical_first() const { return median(firsts_); }
    double typical_gap() const { return gaps_.empty() ? typical_first() / 4 : median(gaps_); }

    // The next kill time in ms after the start. Precondition: calibrated().
    double next() {
        double first = typical_first(), gap = typical_gap();
        if (std::uniform_real_distribution<double>(0, 1)(rng_) < early_share_)
            return std::uniform_real_distribution<double>(0, 0.8 * first)(rng_);
        // From the typical first acknowledgement on: start-up times scatter, so kills drawn from
        // earlier than that mostly found nothing acknowledged (27 of 60 in one loaded run).
        return std::uniform_real_distribution<double>(first, first + 4 * gap)(rng_);
    }

  private:
    static void remember(std::deque<double>& d, double v) {
        d.push_back(v);
        if (d.size() > 7) d.pop_front();  // recent runs only: the machine's load changes
    }
    static double median(const std::deque<double>& d) {
        std::vector<double> v(d.begin(), d.end());
        std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
        return v[v.size() / 2];
    }

    std::mt19937 rng_;
    double early_share_;
    std::deque<double> firsts_, gaps_;
};

}  // namespace lianxin::test
