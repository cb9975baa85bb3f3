#include "shared/base/status.h"

namespace outpost {

namespace {
const std::string kEmpty;
}  // namespace

Status::Status(Code code, std::string_view where, std::string_view what)
    : rep_(std::make_unique<Rep>(Rep{code, std::string(where), std::string(what)})) {}

Status::Status(const Status& other)
    : rep_(other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) rep_ = other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr;
  return *this;
}

Status Status::InvalidArgument(std::string_view where, std::string_view what) {
  return Status(Code::kInvalidArgument, where, what);
}
Status Status::NotFound(std::string_view where, std::string_view what) {
  return Status(Code::kNotFound, where, what);
}
Status Status::AlreadyExists(std::string_view where, std::string_view what) {
  return Status(Code::kAlreadyExists, where, what);
}
Status Status::Unauthenticated(std::string_view where, std::string_view what) {
  return Status(Code::kUnauthenticated, where, what);
}
Status Status::PermissionDenied(std::string_view where, std::string_view what) {
  return Status(Code::kPermissionDenied, where, what);
}
Status Status::FailedPrecondition(std::string_view where, std::string_view what) {
  return Status(Code::kFailedPrecondition, where, what);
}
Status Status::Unavailable(std::string_view where, std::string_view what) {
  return Status(Code::kUnavailable, where, what);
}
Status Status::DataLoss(std::string_view where, std::string_view what) {
  return Status(Code::kDataLoss, where, what);
}
Status Status::Internal(std::string_view where, std::string_view what) {
  return Status(Code::kInternal, where, what);
}

Status::Code Status::code() const { return rep_ ? rep_->code : Code::kOk; }
const std::string& Status::where() const { return rep_ ? rep_->where : kEmpty; }
const std::string& Status::what() const { return rep_ ? rep_->what : kEmpty; }

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(CodeName(rep_->code));
  if (!rep_->where.empty()) out += ": " + rep_->where;
  out += ": " + rep_->what;
  return out;
}

Status Status::WithContext(std::string_view outer) const {
  if (ok()) return Status();
  std::string where(outer);
  if (!rep_->where.empty()) where += "." + rep_->where;
  return Status(rep_->code, where, rep_->what);
}

std::string_view CodeName(Status::Code code) {
  switch (code) {
    case Status::Code::kOk: return "ok";
    case Status::Code::kInvalidArgument: return "invalid_argument";
    case Status::Code::kNotFound: return "not_found";
    case Status::Code::kAlreadyExists: return "already_exists";
    case Status::Code::kUnauthenticated: return "unauthenticated";
    case Status::Code::kPermissionDenied: return "permission_denied";
    case Status::Code::kFailedPrecondition: return "failed_precondition";
    case Status::Code::kUnavailable: return "unavailable";
    case Status::Code::kDataLoss: return "data_loss";
    case Status::Code::kInternal: return "internal";
  }
  return "unknown";
}

}  // namespace outpost
