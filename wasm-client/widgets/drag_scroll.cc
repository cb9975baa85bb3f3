#include "wasm-client/widgets/drag_scroll.h"

#include "imgui.h"
#include "imgui_internal.h"  // the active widget: a drag that started on a button takes it over

namespace outpost::client {

namespace {
int g_held_frame = -1;
// Past this many pixels a press is a drag, not a tap: a finger wobbles a little on a tap.
constexpr float kDragThresholdPx = 12.0f;
}  // namespace

void HoldDrag() { g_held_frame = ImGui::GetFrameCount(); }

void DragToScroll() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (g_held_frame == ImGui::GetFrameCount()) return;
  if (!ImGui::IsMouseDragging(ImGuiMouseButton_Left, kDragThresholdPx)) return;
  if (g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID) return;  // selecting text
  if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) return;
  if (g.ActiveId != 0) ImGui::ClearActiveID();  // the button pressed will not fire
  ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
}

}  // namespace outpost::client
