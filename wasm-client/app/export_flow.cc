#include "wasm-client/app/export_flow.h"

#include <cstring>

#include "shared/base/utc_time.h"
#include "shared/store/change_store.h"
#include "wasm-client/app/words.h"

namespace outpost::client {

StatusOr<PreparedExport> PrepareExport(store::Database& db, int64_t now_ms) {
  OUTPOST_ASSIGN_OR_RETURN(std::vector<sync::Change> changes, store::UnconfirmedChanges(db));
  OUTPOST_ASSIGN_OR_RETURN(std::string device_id, store::GetDeviceState(db, "device_id"));
  OUTPOST_ASSIGN_OR_RETURN(std::string username, store::GetDeviceState(db, "username"));
  PreparedExport out;
  const std::string created_at = FormatUtc(now_ms);
  out.plaintext = sync::EncodeExportPlaintext(device_id, changes, created_at);
  out.envelope.device_id = device_id;
  out.envelope.username = username;
  out.envelope.created_at = created_at;
  out.envelope.changes = static_cast<int64_t>(changes.size());
  out.file_name = sync::ExportFileName(device_id, created_at);
  return out;
}

std::string PassphraseProblem(std::string_view passphrase, std::string_view again) {
  if (sync::CountCharacters(passphrase) < sync::kMinPassphraseChars)
    return Tf({"The passphrase needs at least %d characters.",
               "Mae angen o leiaf %d nod ar y cyfrinymadrodd."},
              sync::kMinPassphraseChars);
  if (passphrase != again)
    return T({"The two passphrases are not the same.", "Nid yw'r ddau gyfrinymadrodd yr un fath."});
  return "";
}

ExportFlow::ExportFlow() : state_(std::make_shared<ExportState>()) {}

void ExportFlow::Open(store::Database& db) {
  state_ = std::make_shared<ExportState>();  // callbacks of an earlier export no longer land here
  state_->waiting = store::CountWaiting(db).value_or(0);
}

bool ExportFlow::Frame(store::Database& db, const Platform& platform) {
  ExportCommands commands;
  DrawExportScreen(*state_, commands);
  if (commands.submit && !state_->working) Submit(db, platform);
  return commands.back;
}

void ExportFlow::Submit(store::Database& db, const Platform& platform) {
  ExportState& state = *state_;
  const std::string passphrase = state.passphrase;
  const std::string problem = PassphraseProblem(passphrase, state.again);
  std::memset(state.passphrase, 0, sizeof state.passphrase);
  std::memset(state.again, 0, sizeof state.again);
  state.failed = !problem.empty();
  state.message = problem;
  state.file_name.clear();
  if (!problem.empty()) return;
  if (!platform.seal_export || !platform.save_file) {
    state.failed = true;
    state.message = T({"This tablet cannot save files.", "Ni all y dabled hon gadw ffeiliau."});
    return;
  }
  auto prepared = PrepareExport(db, platform.now_ms());
  if (!prepared.ok()) {
    state.failed = true;
    state.message = prepared.status().what();
    return;
  }
  state.waiting = prepared->envelope.changes;
  state.working = true;
  std::weak_ptr<ExportState> weak = state_;
  auto fail = [weak](const Status& status) {
    if (auto s = weak.lock()) {
      s->working = false;
      s->failed = true;
      s->message = Tf({"The file could not be saved: %s", "Ni ellid cadw'r ffeil: %s"},
                      status.what().c_str());
    }
  };
  const int64_t count = prepared->envelope.changes;
  platform.seal_export(
      std::move(prepared->plaintext), passphrase, prepared->envelope,
      [weak, fail, count, file_name = prepared->file_name,
       save_file = platform.save_file](StatusOr<sync::ExportEnvelope> sealed) {
        if (!sealed.ok()) return fail(sealed.status());
        save_file(file_name, sync::EncodeExportEnvelope(*sealed),
                  [weak, fail, count, file_name](Status saved) {
                    if (!saved.ok()) return fail(saved);
                    auto s = weak.lock();
                    if (!s) return;
                    s->working = false;
                    s->failed = false;
                    s->file_name = file_name;
                    s->message = Tf({"Changes saved in %s: %lld. Keep the file until your "
                                     "supervisor confirms they added it.",
                                     "Newidiadau wedi'u cadw yn %s: %lld. Cadwch y ffeil nes bod "
                                     "eich goruchwylydd yn cadarnhau ei bod wedi'i hychwanegu."},
                                    file_name.c_str(), static_cast<long long>(count));
                  });
      });
}

}  // namespace outpost::client
