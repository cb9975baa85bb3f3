// Receipt verification: GET /api/v1/receipts/verify?code=7KQ2M-XR0AF
//
// A participant's receipt (made offline on the tablet, wasm-client/app/receipt.h) carries a
// short code computed from one signature: its document hash and record id
// (shared/domain/receipt_code.h). Given the code, the server finds that signature among those
// it holds and says which plan version of whose plan it signed, when, and whether the server's
// seal over it (seal.h) still verifies: the receipt is genuine and the stored signature is the
// one that reached the server.
//
// Who may ask: as for GET /api/v1/signatures/verify. A key worker finds only signatures of the
// participants on their caseload (a code for anyone else is "not found", so a key worker is not
// told it exists); supervisors and compliance officers find any; an administrator none.
//
// The code is not stored: each request computes the code of every signature in scope, one
// SHA-256 each (a few milliseconds for tens of thousands). An index table is the next step if
// the store grows past that.
#ifndef OUTPOST_SYNC_SERVER_RECEIPTS_H_
#define OUTPOST_SYNC_SERVER_RECEIPTS_H_

#include <string>
#include <string_view>

#include "shared/base/status_or.h"
#include "shared/store/database.h"
#include "sync-server/accounts.h"
#include "sync-server/seal.h"

namespace outpost::server {

struct ReceiptCheck {
  std::string code;            // canonical, as printed ("7KQ2M-XR0AF")
  std::string signature_id;
  std::string participant_id;
  std::string signer_role;     // participant or key_worker
  std::string plan_version;    // the version number signed, as recorded ("2")
  std::string signed_at;       // as recorded, UTC
  SealCheck seal;
};

// Finds the signature whose receipt code is `code` (as typed: NormalizeReceiptCode's leniency)
// among those `who` may see. InvalidArgument("code") for something that is not a code;
// PermissionDenied for an administrator; NotFound("code") when no signature in scope matches;
// AlreadyExists("code") if two do (then verify by signature id instead).
StatusOr<ReceiptCheck> FindReceipt(store::Database& db, const Principal& who,
                                   std::string_view code);

// The route's whole answer: FindReceipt as the JSON body
//   {"code", "ok" (the seal verifies), "participant_id", "plan_version", "problem" (in words,
//    "" when ok), "sealed", "signature_id", "signed_at", "signer_role"}
// or the Status to send as an error.
StatusOr<std::string> VerifyReceiptJson(store::Database& db, const Principal& who,
                                        std::string_view code);

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_RECEIPTS_H_
