// Signing: the flow by which a participant and their key worker sign one exact Action Plan
// version at a face-to-face meeting (4.15, 4.24), as plain state and the rules that move it on.
// The screen that draws it is screens/signing_screen.h; the App writes what SignatureRecords
// returns and makes the receipt (receipt.h).
//
// The flow, in order (SigningStep):
//   1. kReadDocument     the exact version is shown: its number, its text, a short form of its
//                        hash. Nothing else is signed: the document and hash written into each
//                        record are the ones in this state, fixed when the flow started.
//   2. kParticipantSigns the participant chooses how they agree (SignMethod) and does it.
//   3. kKeyWorkerSigns   then the key worker.
//   4. kComplete         both done: the screen asks the App to save.
// Each signer chooses one method; what each needs (box after 4.15, and a participant whose
// disability prevents a handwritten signature agreeing in another recorded form):
//   handwritten       strokes on the glass with enough ink
//   mark              strokes (a mark, with enough ink) and the reason for a mark
//   assisted          strokes, the name of the person who helped (witness_name; their role in
//                     witness_role if given) and the reason
//   verbal_witnessed  witness name and role, and the reason
//   wet               the reference of the paper copy (no strokes)
//   none              the reason no signature was obtained (no strokes)
// Every signer needs a name. The "due to COVID-19" annotation is refused everywhere (box after
// 4.15). The records are then checked with sync::ValidateChange, the server's own rules, so a
// signature the server would refuse cannot be saved.
//
// Errors are Status values whose `where` names the signer and field as the screen shows them
// ("participant.fields.witness_name", "key_worker.fields.strokes") and whose `what` is in the
// current language (words.h). Call from the UI thread.
#ifndef OUTPOST_WASM_CLIENT_APP_SIGNING_H_
#define OUTPOST_WASM_CLIENT_APP_SIGNING_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/base/status_or.h"
#include "shared/store/plan_versions.h"
#include "wasm-client/widgets/signature_pad.h"

namespace outpost::client {

// How a signer agreed, in the order the screen offers them.
enum class SignMethod { kHandwritten, kMark, kAssisted, kVerbalWitnessed, kWet, kNone };
inline constexpr SignMethod kSignMethods[] = {SignMethod::kHandwritten, SignMethod::kMark,
                                              SignMethod::kAssisted,    SignMethod::kVerbalWitnessed,
                                              SignMethod::kWet,         SignMethod::kNone};

// The stored value of signature.method ("handwritten", "verbal_witnessed"...).
const char* SignMethodValue(SignMethod method);
// The method named for people, in the current language ("Signs with help").
const char* SignMethodName(SignMethod method);
// The inverse of SignMethodValue; false for anything else.
bool SignMethodFromValue(std::string_view value, SignMethod* method);
// True for the methods drawn on the glass (handwritten, mark, assisted): only they keep strokes.
bool IsOnGlass(SignMethod method);

enum class SignerRole { kParticipant, kKeyWorker };
// "participant" or "key_worker", as stored in signature.signer_role.
const char* SignerRoleValue(SignerRole role);

// One signer's part. The char arrays are the screen's text-field buffers.
struct SignerDraft {
  char name[128] = "";
  SignMethod method = SignMethod::kHandwritten;
  SignaturePad pad;               // kept when another method is chosen; written only on glass
  char witness_name[128] = "";    // verbal_witnessed: the witness; assisted: who helped
  char witness_role[128] = "";    // their role ("support worker", "daughter")
  char reason[512] = "";          // why this form, or why no signature
  char paper_reference[128] = "";
  std::string signed_at;          // UTC "2026-11-23T10:45:00Z", stamped when the signer is done
};

enum class SigningStep { kReadDocument, kParticipantSigns, kKeyWorkerSigns, kComplete };

struct SigningState {
  std::string participant_id;
  int plan_version = 0;        // the version number shown (store::PlanVersion::number)
  std::string document;        // exactly the text shown, and signed
  std::string document_hash;   // SHA-256 hex of `document`
  SigningStep step = SigningStep::kReadDocument;
  SignerDraft participant;
  SignerDraft key_worker;
  std::string error_field;  // where the last problem was (Status::where), "" for none
  std::string error;        // the problem, in the language current when it was found
  bool saving = false;      // the App is writing the records: the save button waits
};

// A flow for `version` of the participant's plan, names pre-filled. FailedPrecondition if the
// version's hash is not the SHA-256 of its document (it would be refused on save anyway) or the
// document is empty.
StatusOr<SigningState> StartSigning(const std::string& participant_id,
                                    const store::PlanVersion& version,
                                    const std::string& participant_name,
                                    const std::string& key_worker_name);

// The signer whose turn it is (the participant before and during their step, else the key
// worker), and that signer's role.
SignerDraft& CurrentSigner(SigningState& state);
const SignerDraft& CurrentSigner(const SigningState& state);
SignerRole CurrentRole(const SigningState& state);

// Checks one signer as SignatureRecords would (with `signed_at` as given or, if empty, a
// placeholder), so the screen can say what is missing before moving on.
Status CheckSigner(const SigningState& state, SignerRole role);

// Moves on from the current step: from a signer's step only when CheckSigner passes, stamping
// that signer's signed_at with `now_ms` (UTC). On failure sets error_field and error and stays;
// on success clears them. Returns true if the step changed. No-op at kComplete.
bool AdvanceSigning(SigningState& state, int64_t now_ms);

// Goes back one step (to redo a signature; what was entered is kept). Clears the error.
void StepBackSigning(SigningState& state);

// One signature record to write with store::RecordLocalChange (record_type "signature",
// participant_id from the state, a new record id from the App).
struct SignatureRecord {
  SignerRole role;
  std::string fields;  // canonical JSON object of the signature fields (shared/sync/change.h)
};

// The records for a completed flow, the participant's first. Each carries signer_role,
// signer_name, method, signed_at and plan_version; document and document_hash are the ones
// shown, except for "none", which signed nothing (store::LoadPlanStatus counts any record that
// carries a document hash as a signature of that version); strokes only for on-glass methods;
// witness_name, witness_role, reason and paper_reference only when they apply and are given.
// Fails with the first problem (as CheckSigner), including a signer not yet stamped.
StatusOr<std::vector<SignatureRecord>> SignatureRecords(const SigningState& state);

// "3f2a 9c41 7d0e 55b1": the first 16 hex digits of a hash in groups of four, as shown beside
// the document so the key worker can compare it with the printed receipt.
std::string ShortHash(std::string_view hash);

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_APP_SIGNING_H_
