// Drag to scroll: a finger dragged across a screen scrolls it, as on any tablet app, even when
// the drag starts on a button (the press becomes a scroll and the button does not fire).
//
// Widgets that need drags themselves (the signature pad) call HoldDrag() every frame they are
// being dragged; a text field being edited keeps its drag for selecting text.
//
// Call DragToScroll() once per frame inside the scrolling window, after drawing it.
#ifndef OUTPOST_WASM_CLIENT_WIDGETS_DRAG_SCROLL_H_
#define OUTPOST_WASM_CLIENT_WIDGETS_DRAG_SCROLL_H_

namespace outpost::client {

// This frame's drag belongs to the widget just drawn: DragToScroll leaves it alone.
void HoldDrag();

// Scrolls the current window by the finger's movement once a drag passes a small threshold.
void DragToScroll();

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_WIDGETS_DRAG_SCROLL_H_
