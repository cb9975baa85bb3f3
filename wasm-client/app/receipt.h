// Receipt: what the participant takes away from signing, made offline on the tablet at once.
//
// One self-contained HTML page (inline CSS, no scripts, no network, nothing fetched) holding the
// plan's ongoing actions (4.23: "all ongoing actions in one document, in a format suited to
// their disability"), each signature (drawn as inline SVG from its strokes, or the method in
// words), the date in UK form, the plan version with the short form of its hash, and the
// verification code (shared/domain/receipt_code.h) by which the server can later confirm the
// signature (GET /api/v1/receipts/verify). Written in the current language (words.h), with
// lang="en" or lang="cy"; headings, lists and labelled images so a screen reader reads it in
// order. Large print is a bigger type and wider spacing for a participant who asks for it.
//
// The ongoing actions are read from the signed document itself (store::RenderPlanDocument's
// layout: "N. description" then indented "Label: value" lines, then the agreement's
// "Label: value" lines), so the receipt shows exactly what was signed, never a later edit.
// Actions with status done are left out; dropped ones are not in the document.
//
// Every piece of text from a record is escaped for HTML. Call from the UI thread (words.h).
//
//   [X] HTML for printing, saving or showing on the tablet
//   [ ] handing it to the participant (download, share, print): the App and platform's part
//   [ ] plain-language rewording of the actions (4.23): the document's own words are shown
#ifndef OUTPOST_WASM_CLIENT_APP_RECEIPT_H_
#define OUTPOST_WASM_CLIENT_APP_RECEIPT_H_

#include <string>
#include <string_view>
#include <vector>

#include "shared/base/status_or.h"

namespace outpost::client {

// One signature record as written: its id and its fields (a JSON object of strings, as
// SignatureRecords made them or as the replica holds them).
struct ReceiptSignature {
  std::string record_id;
  std::string fields;
};

struct Receipt {
  std::string html;  // the whole page, UTF-8
  std::string code;  // the verification code as printed ("7KQ2M-XR0AF")
};

// The receipt for the signatures of one plan version, the participant's first (the order
// SignatureRecords gives). The document, its hash and the version number are taken from the
// first signature that carries a document (every method but "none"), and the code is that
// signature's. InvalidArgument if a signature's fields are not a JSON object;
// FailedPrecondition if none carries a document (nothing was signed) or the signatures carry
// different documents.
StatusOr<Receipt> MakeReceipt(const std::vector<ReceiptSignature>& signatures, bool large_print);

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_APP_RECEIPT_H_
