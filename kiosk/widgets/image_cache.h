// Images from the bundle (or, for the admin tool's preview, from content sources held in memory),
// decoded and downscaled to the size shown on a worker thread, uploaded on the main thread, and
// kept in an LRU cache under a byte budget. A broken image is remembered as broken (drawn as a
// placeholder) and never crashes or retries every frame.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/base/millis.h"
#include "core/content/content_model.h"
#include "core/image/image_decode.h"

namespace lianxin::kiosk {

struct Texture {
    unsigned id = 0;
    int width = 0, height = 0;
};

class ImageCache {
public:
    // `wake` runs on the worker after each decode (the app pushes an SDL event to redraw).
    ImageCache(std::filesystem::path bundle, std::map<std::string, std::pair<int, int>> sizes,
               std::function<void()> wake, std::size_t budget_bytes = 32u << 20);
    // Images read from `media` (content sources being edited, not yet in a bundle), by media name.
    using MediaMap = std::map<std::string, MediaItem>;
    ImageCache(std::shared_ptr<const MediaMap> media, std::function<void()> wake, std::size_t budget_bytes = 32u << 20);
    ~ImageCache();

    // The texture for `name` at about want_w × want_h, or nullptr while it loads or if broken.
    const Texture* get(const std::string& name, int want_w, int want_h);
    bool broken(const std::string& name) const { return broken_.count(name) > 0; }
    // Original size from the bundle, or {0,0} if unknown.
    std::pair<int, int> source_size(const std::string& name) const;
    // Uploads finished decodes; call between frames on the GL thread. True if any arrived.
    bool pump();
    bool busy() const;  // decodes queued or running
    std::size_t bytes_in_use() const { return bytes_; }
    // Points at another bundle (after a content swap), or other media: drops everything cached.
    void reset(std::filesystem::path bundle, std::map<std::string, std::pair<int, int>> sizes);
    void reset(std::shared_ptr<const MediaMap> media);

private:
    struct Job {
        std::string key, name;
        int w, h;
    };
    struct Done {
        std::string key, name;
        Result<Pixels> pixels;
    };
    struct Entry {
        Texture tex;
        Millis last_used;
    };
    void worker_loop();
    void evict();
    void reset_to(std::filesystem::path bundle, std::shared_ptr<const MediaMap> media,
                  std::map<std::string, std::pair<int, int>> sizes);

    std::filesystem::path bundle_;
    std::shared_ptr<const MediaMap> memory_;  // set: images come from here, not from bundle_
    std::map<std::string, std::pair<int, int>> sizes_;
    std::function<void()> wake_;
    std::size_t budget_, bytes_ = 0;
    Millis use_counter_ = 0;
    std::map<std::string, Entry> entries_;
    std::map<std::string, bool> requested_;
    std::map<std::string, bool> broken_;
    // Keys whose read failed for a passing reason (I/O), and when they may be tried again.
    std::map<std::string, std::chrono::steady_clock::time_point> retry_after_;

    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Job> jobs_;
    std::deque<Done> done_;
    int running_ = 0;
    bool stop_ = false;
    unsigned generation_ = 0;
    std::thread worker_;
};

}  // namespace lianxin::kiosk
