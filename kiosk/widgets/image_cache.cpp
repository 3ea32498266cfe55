// Image decoding on a worker thread and the texture cache.
#include "kiosk/widgets/image_cache.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "core/content/bundle.h"
#include "kiosk/platform/gl_texture.h"

namespace lianxin::kiosk {

namespace {
// Sizes are rounded up to steps so that small layout changes reuse the same decode.
int bucket(int v) { return std::max(64, ((v + 127) / 128) * 128); }

std::map<std::string, std::pair<int, int>> sizes_of(const ImageCache::MediaMap& media) {
    std::map<std::string, std::pair<int, int>> out;
    for (auto& [name, item] : media) out[name] = {item.width, item.height};
    return out;
}
}  // namespace

ImageCache::ImageCache(std::filesystem::path bundle, std::map<std::string, std::pair<int, int>> sizes,
                       std::function<void()> wake, std::size_t budget_bytes)
    : bundle_(std::move(bundle)), sizes_(std::move(sizes)), wake_(std::move(wake)), budget_(budget_bytes) {
    worker_ = std::thread([this] { worker_loop(); });
}

ImageCache::ImageCache(std::shared_ptr<const MediaMap> media, std::function<void()> wake, std::size_t budget_bytes)
    : memory_(std::move(media)), wake_(std::move(wake)), budget_(budget_bytes) {
    if (memory_) sizes_ = sizes_of(*memory_);
    worker_ = std::thread([this] { worker_loop(); });
}

ImageCache::~ImageCache() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
    for (auto& [k, e] : entries_) delete_texture(e.tex.id);
}

std::pair<int, int> ImageCache::source_size(const std::string& name) const {
    auto it = sizes_.find(name);
    return it == sizes_.end() ? std::pair{0, 0} : it->second;
}

const Texture* ImageCache::get(const std::string& name, int want_w, int want_h) {
    if (name.empty() || broken_.count(name)) return nullptr;
    int bw = bucket(want_w), bh = bucket(want_h);
    std::string key = name + "@" + std::to_string(bw) + "x" + std::to_string(bh);
    if (auto it = entries_.find(key); it != entries_.end()) {
        it->second.last_used = ++use_counter_;
        return &it->second.tex;
    }
    if (auto r = retry_after_.find(key); r != retry_after_.end()) {
        if (std::chrono::steady_clock::now() < r->second) return nullptr;
        retry_after_.erase(r);
        requested_.erase(key);
    }
    if (!requested_.count(key)) {
        requested_[key] = true;
        {
            std::lock_guard lock(mutex_);
            jobs_.push_back(Job{key, name, bw, bh});
        }
        cv_.notify_one();
    }
    // While the sharper version decodes, show any size already cached.
    const Texture* fallback = nullptr;
    for (auto& [k, e] : entries_)
        if (k.compare(0, name.size() + 1, name + "@") == 0) fallback = &e.tex;
    return fallback;
}

void ImageCache::worker_loop() {
    std::unique_ptr<BundleMedia> media;
    std::filesystem::path media_path;
    unsigned media_gen = ~0u;
    for (;;) {
        Job job;
        std::filesystem::path path;
        std::shared_ptr<const MediaMap> memory;
        unsigned gen;
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
            if (stop_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
            ++running_;
            path = bundle_;
            memory = memory_;
            gen = generation_;
        }
        if (memory) {
            auto it = memory->find(job.name);
            Result<Pixels> px = it == memory->end()
                                    ? Result<Pixels>(Error{ErrorCode::not_found, "no image " + job.name})
                                    : decode_image(it->second.bytes, job.w, job.h);
            {
                std::lock_guard lock(mutex_);
                --running_;
                if (gen == generation_) done_.push_back(Done{job.key, job.name, std::move(px)});
            }
            if (wake_) wake_();
            continue;
        }
        if (!media || media_gen != gen) {
            media.reset();
            auto opened = BundleMedia::open(path);
            if (opened) media = std::move(*opened);
            media_gen = gen;
        }
        Result<Pixels> px = Error{ErrorCode::io, "cannot open the bundle's media"};
        if (media) {
            auto bytes = media->bytes(job.name);
            px = bytes ? decode_image(*bytes, job.w, job.h) : Result<Pixels>(bytes.error());
        }
        {
            std::lock_guard lock(mutex_);
            --running_;
            if (gen == generation_) done_.push_back(Done{job.key, job.name, std::move(px)});
        }
        if (wake_) wake_();
    }
}

bool ImageCache::pump() {
    std::deque<Done> done;
    {
        std::lock_guard lock(mutex_);
        done.swap(done_);
    }
    for (auto& d : done) {
        if (!d.pixels) {
            auto code = d.pixels.error().code;
            if (code == ErrorCode::invalid_image || code == ErrorCode::too_large || code == ErrorCode::not_found) {
                spdlog::warn("image '{}' refused: {}", d.name, d.pixels.error().detail);
                broken_[d.name] = true;  // it will not get better: draw the placeholder for good
            } else {
                spdlog::warn("image '{}' not readable now ({}); trying again shortly", d.name, d.pixels.error().detail);
                retry_after_[d.key] = std::chrono::steady_clock::now() + std::chrono::seconds(5);
            }
            continue;
        }
        auto& p = *d.pixels;
        Texture t{upload_rgba_texture(p.width, p.height, p.rgba.data()), p.width, p.height};
        bytes_ += p.rgba.size();
        entries_[d.key] = Entry{t, ++use_counter_};
    }
    evict();
    return !done.empty();
}

void ImageCache::evict() {
    while (bytes_ > budget_ && entries_.size() > 1) {
        auto oldest = std::min_element(entries_.begin(), entries_.end(),
                                       [](auto& a, auto& b) { return a.second.last_used < b.second.last_used; });
        bytes_ -= static_cast<std::size_t>(oldest->second.tex.width) * oldest->second.tex.height * 4;
        delete_texture(oldest->second.tex.id);
        requested_.erase(oldest->first);
        entries_.erase(oldest);
    }
}

bool ImageCache::busy() const {
    std::lock_guard lock(mutex_);
    return !jobs_.empty() || running_ > 0 || !done_.empty();
}

void ImageCache::reset(std::shared_ptr<const MediaMap> media) {
    auto sizes = media ? sizes_of(*media) : std::map<std::string, std::pair<int, int>>{};
    reset_to({}, std::move(media), std::move(sizes));
}

void ImageCache::reset(std::filesystem::path bundle, std::map<std::string, std::pair<int, int>> sizes) {
    reset_to(std::move(bundle), nullptr, std::move(sizes));
}

void ImageCache::reset_to(std::filesystem::path bundle, std::shared_ptr<const MediaMap> media,
                          std::map<std::string, std::pair<int, int>> sizes) {
    {
        std::lock_guard lock(mutex_);
        bundle_ = std::move(bundle);
        memory_ = std::move(media);
        jobs_.clear();
        done_.clear();
        ++generation_;
    }
    sizes_ = std::move(sizes);
    for (auto& [k, e] : entries_) delete_texture(e.tex.id);
    entries_.clear();
    requested_.clear();
    broken_.clear();
    bytes_ = 0;
}

}  // namespace lianxin::kiosk
