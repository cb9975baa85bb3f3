// StatusOr<T>: either a value of T or a non-OK Status explaining why there is none.
//
// The value-carrying twin of Status (std::expected is C++23). Construct from a T for success or
// from a non-OK Status for failure; constructing from an OK Status is a bug and becomes an
// Internal error rather than an empty value. Read value() only after checking ok().
#ifndef OUTPOST_SHARED_BASE_STATUS_OR_H_
#define OUTPOST_SHARED_BASE_STATUS_OR_H_

#include <cassert>
#include <optional>
#include <utility>

#include "shared/base/status.h"

namespace outpost {

template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    if (status_.ok()) status_ = Status::Internal("StatusOr", "constructed from an OK status");
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  // Precondition: ok().
  const T& value() const& { assert(ok()); return *value_; }
  T& value() & { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  // The value, or `fallback` when there is none (the error is dropped: use only where a failure
  // and "no" mean the same).
  T value_or(T fallback) const& { return ok() ? *value_ : std::move(fallback); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace outpost

// Evaluates `rexpr` (a StatusOr); on error returns its status from the enclosing function,
// otherwise moves the value into a new variable declared as `lhs`.
#define OUTPOST_CONCAT_INNER_(a, b) a##b
#define OUTPOST_CONCAT_(a, b) OUTPOST_CONCAT_INNER_(a, b)
#define OUTPOST_ASSIGN_OR_RETURN(lhs, rexpr) \
  OUTPOST_ASSIGN_OR_RETURN_IMPL_(OUTPOST_CONCAT_(outpost_statusor_, __LINE__), lhs, rexpr)
#define OUTPOST_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                   \
  if (!tmp.ok()) return tmp.status();                   \
  lhs = std::move(tmp).value()

#endif  // OUTPOST_SHARED_BASE_STATUS_OR_H_
