#include "wasm-client/widgets/frame_picture.h"

#include <imgui.h>

#include <cstring>

namespace outpost::client {

namespace {

template <typename T>
void Append(std::vector<unsigned char>& out, const T* data, size_t count) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(data);
  out.insert(out.end(), bytes, bytes + count * sizeof(T));
}

template <typename T>
void AppendValue(std::vector<unsigned char>& out, const T& value) {
  Append(out, &value, 1);
}

}  // namespace

bool FramePicture::Changed(const ImDrawData& draw_data, int width, int height,
                           const ImVec4& clear) {
  // Everything the GL backend reads to paint the frame, in the order it reads it. Comparing the
  // bytes themselves rather than a hash of them: no collision can ever hide a change.
  next_.clear();
  AppendValue(next_, width);
  AppendValue(next_, height);
  AppendValue(next_, clear);
  AppendValue(next_, draw_data.DisplayPos);
  AppendValue(next_, draw_data.DisplaySize);
  AppendValue(next_, draw_data.FramebufferScale);
  AppendValue(next_, draw_data.CmdListsCount);
  bool has_callback = false;
  for (int n = 0; n < draw_data.CmdListsCount; ++n) {
    const ImDrawList& list = *draw_data.CmdLists[n];
    AppendValue(next_, list.VtxBuffer.Size);
    Append(next_, list.VtxBuffer.Data, static_cast<size_t>(list.VtxBuffer.Size));
    AppendValue(next_, list.IdxBuffer.Size);
    Append(next_, list.IdxBuffer.Data, static_cast<size_t>(list.IdxBuffer.Size));
    AppendValue(next_, list.CmdBuffer.Size);
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      AppendValue(next_, cmd.ClipRect);
      AppendValue(next_, cmd.TextureId);
      AppendValue(next_, cmd.VtxOffset);
      AppendValue(next_, cmd.IdxOffset);
      AppendValue(next_, cmd.ElemCount);
      if (cmd.UserCallback != nullptr) has_callback = true;
    }
  }
  // A callback draws what the data cannot show: such a frame is always drawn.
  const bool same = !has_callback && shown_valid_ && next_.size() == shown_.size() &&
                    std::memcmp(next_.data(), shown_.data(), next_.size()) == 0;
  if (same) {
    ++skipped_;
    return false;
  }
  shown_.swap(next_);
  shown_valid_ = true;
  ++drawn_;
  return true;
}

}  // namespace outpost::client
