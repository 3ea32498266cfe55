// The content editor: the exhibition's items in a list (the hall, the attract slides, the
// timeline, sections, exhibits, the figures wall, drafts under consultation and their articles),
// the chosen item's fields with Chinese and English side by side, each checked as it is typed,
// and beside them the kiosk's own screens drawn from the edited content, landscape and portrait,
// with the kiosk's layout check over them (admin-tool/gui/kiosk_preview.h). Saving writes the
// changed source files (core/content/content_writer.h); nothing reaches a kiosk until published.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "admin-tool/gui/admin_session.h"
#include "admin-tool/gui/gui_widgets.h"
#include "admin-tool/gui/kiosk_preview.h"
#include "admin-tool/gui/open_dialog.h"
#include "core/content/content_sources.h"

namespace lianxin::admin {

class EditorView {
public:
    EditorView(std::string content_dir, std::string publisher_key)
        : dir_(std::move(content_dir)), publisher_key_(std::move(publisher_key)) {}

    // The content folder as read (on the worker, after the window's first frame).
    void sources_loaded(SourceLoad loaded);
    void draw(const GuiFrame& f, AdminSession& s);
    // An image file dropped on the window: it becomes the image of the item being edited.
    void file_dropped(const std::string& path, AdminSession& s);
    bool dirty() const;
    // The edited content's text and the problems shown (for the admin window's fonts).
    std::string shown_text() const;
    // The preview is drawing new glyphs or images, or the folder is not read yet.
    bool busy() const;
    const KioskPreview& preview() const { return preview_; }
    // Measured for the benchmark: the last keystroke's time on the shell's clock and when the
    // preview frame showing it was drawn (real milliseconds from the keystroke).
    double last_preview_delay_ms() const { return last_delay_ms_; }

    enum class Kind { hall, slide, event, section, exhibit, figure, consultation, article };
    struct Pick {
        Kind kind = Kind::hall;
        int index = 0;
        int article = -1;  // for Kind::article: the article's index in the consultation
        bool operator==(const Pick&) const = default;
    };

private:
    void draw_list(const GuiFrame& f);
    void draw_form(const GuiFrame& f, AdminSession& s);
    void draw_preview(const GuiFrame& f);
    void draw_actions(const GuiFrame& f, AdminSession& s);
    // One text field in both languages; true when either changed this frame.
    bool text_field(const GuiFrame& f, const char* key, const char* id, LocalizedText& v, bool multiline,
                    bool required = true, float lines = 3);
    // True when the folder was written and reads back without problems.
    bool save(const GuiFrame& f, AdminSession& s);
    void draw_publish(const GuiFrame& f, AdminSession& s);
    void publish(const GuiFrame& f, AdminSession& s);
    void changed();
    // The image field of the item being edited, or nullptr when it has none; `optional` when it
    // may be left empty (timeline events and exhibits).
    std::string* picked_image(bool* optional = nullptr);
    void image_row(const GuiFrame& f, AdminSession& s);
    void add_image(const std::string& path, AdminSession& s);
    // A new consultation from a draft file (admin-tool/ops/consultation_ops.h), and its stage.
    void draw_new_consultation(const GuiFrame& f, AdminSession& s);
    void draw_stage(const GuiFrame& f, Consultation& c);
    // A new, empty item of `kind` at the end of its list (its fields then ask to be filled), and
    // the item being edited taken out after a question, with what pointed at it.
    void add_item(Kind kind);
    void draw_remove(const GuiFrame& f);
    void remove_picked();
    PreviewPage page_for(const Pick& p) const;

    std::string dir_, publisher_key_;
    std::optional<SourceLoad> base_;  // the folder as read or last saved
    ContentSet work_;                 // what the operator is editing
    std::shared_ptr<kiosk::ImageCache::MediaMap> media_;
    std::vector<Diagnostic> problems_;  // the folder's, as last read or saved
    Pick pick_;
    KioskPreview preview_;
    bool preview_started_ = false;
    std::string preview_error_;
    std::string image_path_;  // the file field under an item's image
    OpenDialog picture_chooser_;  // "Choose a picture…": the same import as a typed path or a drop
    struct NewConsultation {
        bool open = false;
        std::string id, zh, en, deadline;
    } new_consultation_;
    bool show_portrait_ = false;
    bool confirm_revert_ = false;
    bool confirm_remove_ = false;
    bool english_may_wait_ = false;  // the fields being drawn belong to an item marked "translation pending"
    std::string confirm_publish_;  // the version a confirmed publication will carry, or ""
    bool publishing_ = false;
    // The step the publication's worker has reached (a PublishStep), read by the progress bar.
    std::shared_ptr<std::atomic<int>> publish_step_ = std::make_shared<std::atomic<int>>(0);
    bool content_changed_ = false;
    mutable std::optional<bool> dirty_;  // dirty(), until the next edit, save or read
    std::uint64_t typed_at_ticks_ = 0;  // SDL ticks of the last edit not yet in a preview frame
    double last_delay_ms_ = -1;
};

}  // namespace lianxin::admin
