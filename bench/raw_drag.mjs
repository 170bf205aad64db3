// A drag as plain browser mouse input (CDP Input.dispatchMouseEvent, the call Playwright's
// page.mouse makes too), for the benchmarks. With a button held, each page.mouse.move also
// runs two scripts in the page and turns drag interception on and off (Playwright's probe for
// HTML5 drag and drop): about 0.7 ms of the page's main thread per step that no user's drag
// costs, and that a script-driven uPlot step never pays.
export function rawDrag(cdp) {
  const send = (type, x, y, buttons) => cdp.send('Input.dispatchMouseEvent',
    { type, x, y, button: 'left', buttons, clickCount: type === 'mouseMoved' ? 0 : 1 });
  return {
    down: (x, y) => send('mousePressed', x, y, 1),
    move: (x, y) => send('mouseMoved', x, y, 1),
    up: (x, y) => send('mouseReleased', x, y, 0),
  };
}
