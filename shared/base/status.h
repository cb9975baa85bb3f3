// Status: the one error currency of Outpost's shared core.
//
// Every operation in shared/ that can fail returns a Status (or a StatusOr<T>, see status_or.h).
// Nothing in shared/ throws: the same code runs natively and in WebAssembly, where exception
// support depends on build flags. A Status is either OK (free to create and copy) or carries
//   - a Code, the kind of failure, which the server maps to an HTTP status and the client to a
//     banner (one table each, never scattered conditionals);
//   - where: the field, file or operation that was wrong ("contact.mode", "schema 0002");
//   - what: plain words saying what was wrong, fit to show a key worker or to log.
//
// Example: Status::InvalidArgument("contact.mode", "digital meeting needs a reason").
#ifndef OUTPOST_SHARED_BASE_STATUS_H_
#define OUTPOST_SHARED_BASE_STATUS_H_

#include <memory>
#include <string>
#include <string_view>

namespace outpost {

class [[nodiscard]] Status {
 public:
  // The kinds of failure. Keep in step with CodeName() in status.cc and with the HTTP table in
  // sync-server/http_errors.cc.
  enum class Code {
    kOk = 0,
    kInvalidArgument,    // the input is malformed or breaks a rule; the caller must change it
    kNotFound,           // the thing asked for does not exist (or may not be seen)
    kAlreadyExists,      // a create met an existing record with the same identity
    kUnauthenticated,    // no valid credentials: sign in again
    kPermissionDenied,   // signed in, but this user may not do this
    kFailedPrecondition, // the system is not in a state where this can happen (e.g. schema newer)
    kUnavailable,        // a transient failure (network down, database busy); retrying may work
    kDataLoss,           // stored data is corrupt or unreadable
    kInternal,           // a bug or an unexpected failure of a component (SQLite, OpenSSL)
  };

  // OK. Costs no allocation.
  Status() = default;

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string_view where, std::string_view what);
  static Status NotFound(std::string_view where, std::string_view what);
  static Status AlreadyExists(std::string_view where, std::string_view what);
  static Status Unauthenticated(std::string_view where, std::string_view what);
  static Status PermissionDenied(std::string_view where, std::string_view what);
  static Status FailedPrecondition(std::string_view where, std::string_view what);
  static Status Unavailable(std::string_view where, std::string_view what);
  static Status DataLoss(std::string_view where, std::string_view what);
  static Status Internal(std::string_view where, std::string_view what);

  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;
  ~Status() = default;

  bool ok() const { return rep_ == nullptr; }
  Code code() const;
  // Empty for OK.
  const std::string& where() const;
  const std::string& what() const;

  // "InvalidArgument: contact.mode: digital meeting needs a reason", or "OK".
  std::string ToString() const;

  // Returns a copy whose `where` is prefixed by `outer` ("push.changes[3]" + "fields.mode"),
  // so errors found deep inside a structure say where in the whole input they were. OK stays OK.
  Status WithContext(std::string_view outer) const;

 private:
  struct Rep {
    Code code;
    std::string where;
    std::string what;
  };
  Status(Code code, std::string_view where, std::string_view what);

  std::unique_ptr<Rep> rep_;  // null means OK
};

// The stable lower-case name of a code, as used in JSON error bodies ("invalid_argument").
std::string_view CodeName(Status::Code code);

}  // namespace outpost

// Returns early from the enclosing function with the status of `expr` if it is not OK.
#define OUTPOST_RETURN_IF_ERROR(expr)                \
  do {                                               \
    ::outpost::Status outpost_status_ = (expr);      \
    if (!outpost_status_.ok()) return outpost_status_; \
  } while (0)

#endif  // OUTPOST_SHARED_BASE_STATUS_H_
