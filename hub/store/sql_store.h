// SqlStore: the one implementation of HubStore, over a pool of SqlSessions from either driver
// (sql_session.h). Internal to hub/store; everyone else uses hub_store.h and open_store.
#pragma once

#include "hub/store/hub_store.h"
#include "hub/store/sql_session.h"
#include "hub/store/store_schema.h"

namespace lianxin::hub {

class SqlStore final : public HubStore {
  public:
    // `where` names the store in messages (no password); `factory` opens one more connection.
    SqlStore(Dialect dialect, std::string where, SessionPool::Factory factory,
             std::size_t max_sessions);

    std::string describe() const override { return where_; }

    Status add_kiosk(const std::string& id, const std::string& name, const std::string& code,
                     const PublicKey& key, std::int64_t registered_at_ms, const AdminActor* by) override;
    Result<KioskRecord> find_kiosk(const std::string& id) override;
    Result<std::vector<KioskRecord>> list_kiosks() override;
    Status revoke_kiosk(const std::string& id, std::int64_t at_ms, const AdminActor* by) override;
    Status record_heartbeat(const std::string& kiosk_id, const Heartbeat& hb,
                            std::int64_t at_ms) override;
    Result<std::string> next_kiosk_code() override;

    Status add_admin_key(const PublicKey& key, std::int64_t at_ms, AdminRoles roles, const std::string& name) override;
    Result<std::vector<AdminKeyRecord>> admin_keys() override;
    Result<bool> has_admin_key() override;

    Result<bool> remember_nonce(const std::string& signer, const std::string& nonce,
                                std::int64_t at_ms) override;
    Result<std::int64_t> purge_nonces(std::int64_t before_ms) override;

    Result<IngestResult> ingest(const std::string& kiosk_id, const SyncPush& push,
                                std::int64_t now_ms) override;
    Result<SyncReply> changes_since(const std::string& kiosk_id, std::int64_t cursor,
                                    std::size_t limit) override;

    Result<std::vector<StoredOpinion>> list_opinions(const OpinionFilter& filter) override;
    Result<StoredOpinion> find_opinion(const OpinionId& id) override;
    Result<StatusOutcome> set_status(const OpinionId& id, OpinionStatus status,
                                     const std::string& reply, std::int64_t at_ms, const AdminActor* by) override;

    Status hide_opinion(const OpinionId& id, const std::optional<std::string>& reason, std::int64_t at_ms,
                        const AdminActor* by) override;
    Result<StaffRecordOutcome> add_staff_opinion(const Opinion& o, OpinionChannel channel, const std::string& passport_code,
                                                 std::int64_t at_ms, const AdminActor* by) override;

    Result<std::vector<StoredGuestbookEntry>> list_guestbook(const GuestbookQuery& q) override;
    Result<GuestbookCounts> guestbook_counts() override;
    Result<std::vector<StoredMeetingRequest>> list_meetings(const MeetingQuery& q) override;
    Result<StoredMeetingRequest> answer_meeting(const std::string& id, const MeetingAnswer& answer, std::int64_t at_ms,
                                                const AdminActor* by) override;

    Status set_final_text(const std::string& consultation, const std::vector<FinalArticle>& articles, std::int64_t at_ms,
                          const AdminActor* by) override;
    Result<std::vector<FinalArticle>> final_text(const std::string& consultation) override;
    Status trace_opinion(const OpinionId& id, std::optional<int> final_article, std::int64_t at_ms,
                         const AdminActor* by) override;
    Result<std::optional<FinalArticle>> final_article_of(const OpinionId& id) override;

    Status add_certificate(const std::string& serial, const std::string& passport_id,
                           const std::string& opinion_id, const std::string& token,
                           std::int64_t at_ms, const AdminActor* by) override;
    Status revoke_certificate(const std::string& serial, std::int64_t at_ms, const AdminActor* by) override;
    Result<CertificateRecord> find_certificate(const std::string& serial) override;
    Result<std::vector<CertificateRecord>> list_certificates(std::size_t limit, std::size_t offset) override;
    Result<PassportCounts> passport_counts() override;
    Result<DistrictFigures> district_figures(const std::optional<std::vector<std::string>>& consultations) override;
    Result<std::optional<CertificateRecord>> live_certificate_of(const std::string& opinion_id) override;
    Result<bool> is_revoked(const std::string& serial) override;
    Result<PublicPassportView> find_passport(const std::string& passport_id) override;

    Status add_bundle(const BundleRecord& meta, const std::string& bytes, const AdminActor* by) override;
    Status publish_bundle(const std::string& version, std::int64_t at_ms, const AdminActor* by) override;
    Result<std::optional<BundleRecord>> current_bundle() override;
    Result<std::vector<Publication>> publications(std::size_t limit) override;
    Result<std::vector<AuditEntry>> list_audit(const AuditQuery& q) override;
    Result<BundleRecord> find_bundle(const std::string& version) override;
    Result<std::string> bundle_bytes(const std::string& version) override;

    Status note_event(const std::string& kind, const std::string& key, std::int64_t at_ms) override;
    Result<std::int64_t> count_recent(const std::string& kind, const std::string& key,
                                      std::int64_t since_ms) override;
    Result<bool> take_event(const std::string& kind, const std::string& key, std::int64_t since_ms,
                            std::int64_t max, std::int64_t at_ms) override;
    Result<std::int64_t> purge_events(std::int64_t before_ms) override;

  private:
    enum class Tx { write, read, single };  // single: one statement, committed on its own
    template <class T, class Body>
    Result<T> transact(Tx tx, Body&& body);
    Error to_error(const SqlFailure& f) const;

    [[maybe_unused]] Dialect dialect_;  // no back-end specific statements yet (clang warns)
    std::string where_;
    SessionPool pool_;
};

}  // namespace lianxin::hub
