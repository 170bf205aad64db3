// What presenting one frame costs the page's main thread, apart from drawing it: each step
// redraws a 690x540 area (the overview's main chart) of a 1440x900 canvas in one of these
// ways, picked by the URL hash (bench/present_cost.mjs drives it):
//   clear       WebGL2 on a desynchronized canvas (the app's until the eighth session, now
//               ?desync=1), one scissored clear (no geometry)
//   clear-sync  the same on an ordinary canvas, as the app now has
//   quads       WebGL2 as `clear`, 6,000 small blended triangles drawn into the area
//   copy        6,000 triangles into a framebuffer of our own, the area flipped by a blit and
//               read back (readPixels), put into a 2D canvas (putImageData): a way to present
//               only the changed area where WebGL runs on the CPU; not what the app does
//   2d          a 2D canvas: the area filled and a 700-point line stroked, as uPlot draws
//   overlay     the page's canvas as `clear-sync`, left alone, and over it a second, small
//               (360x360) transparent WebGL canvas cleared instead: what a hover would cost if
//               its tooltip and hover line had a canvas of their own (not what the app does)
const mode = location.hash.slice(1) || 'clear';
const W = 1440, H = 900;
const AREA = { x: 20, y: 338, w: 690, h: 540 };
const glCanvas = document.getElementById('gl'), canvas2d = document.getElementById('c2');
const attributes = { alpha: false, depth: false, stencil: false, antialias: false, premultipliedAlpha: false,
  preserveDrawingBuffer: true, desynchronized: mode !== 'clear-sync' && mode !== 'overlay' };
let gl = null, ctx = null, drawn = null, flipped = null, pixels = null, frame = 0;

function framebuffer() {
  const fb = gl.createFramebuffer();
  const rb = gl.createRenderbuffer();
  gl.bindRenderbuffer(gl.RENDERBUFFER, rb);
  gl.renderbufferStorage(gl.RENDERBUFFER, gl.RGBA8, W, H);
  gl.bindFramebuffer(gl.FRAMEBUFFER, fb);
  gl.framebufferRenderbuffer(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.RENDERBUFFER, rb);
  return fb;
}

function program() {
  const shader = (type, source) => {
    const s = gl.createShader(type);
    gl.shaderSource(s, source);
    gl.compileShader(s);
    return s;
  };
  const p = gl.createProgram();
  gl.attachShader(p, shader(gl.VERTEX_SHADER, `#version 300 es
    in vec2 p; in vec4 c; out vec4 v;
    void main() { v = c; gl_Position = vec4(p.x * 2.0 - 1.0, 1.0 - p.y * 2.0, 0, 1); }`));
  gl.attachShader(p, shader(gl.FRAGMENT_SHADER, `#version 300 es
    precision mediump float; in vec4 v; out vec4 o; void main() { o = v; }`));
  gl.bindAttribLocation(p, 0, 'p');
  gl.bindAttribLocation(p, 1, 'c');
  gl.linkProgram(p);
  gl.useProgram(p);
  // 6,000 triangles a few pixels across, scattered over the area, uploaded once.
  const n = 6000, data = new Float32Array(n * 3 * 6);
  for (let t = 0; t < n; t++) {
    const cx = (AREA.x + AREA.w * (((t * 7919) % 1000) / 1000)) / W, cy = (AREA.y + AREA.h * (((t * 104729) % 1000) / 1000)) / H;
    for (let k = 0; k < 3; k++) {
      data.set([cx + (k === 1 ? 0.004 : 0), cy + (k === 2 ? 0.006 : 0), (t % 7) / 7, 0.5, 0.8, 0.9], (t * 3 + k) * 6);
    }
  }
  gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
  gl.bufferData(gl.ARRAY_BUFFER, data, gl.STATIC_DRAW);
  gl.enableVertexAttribArray(0);
  gl.enableVertexAttribArray(1);
  gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 24, 0);
  gl.vertexAttribPointer(1, 4, gl.FLOAT, false, 24, 8);
  gl.enable(gl.BLEND);
  gl.blendFunc(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA);
  return n * 3;
}

let vertices = 0;
if (mode === '2d') {
  glCanvas.style.display = 'none';
  canvas2d.style.display = 'block';
  canvas2d.width = W;
  canvas2d.height = H;
  ctx = canvas2d.getContext('2d', { alpha: false });
} else if (mode === 'copy') {
  glCanvas.width = glCanvas.height = 1;
  glCanvas.style.display = 'none';
  canvas2d.style.display = 'block';
  canvas2d.width = W;
  canvas2d.height = H;
  ctx = canvas2d.getContext('2d', { alpha: false });
  gl = glCanvas.getContext('webgl2', attributes);
  flipped = framebuffer();
  drawn = framebuffer();
  vertices = program();
  pixels = new Uint8ClampedArray(AREA.w * AREA.h * 4);
} else {
  glCanvas.width = W;
  glCanvas.height = H;
  gl = glCanvas.getContext('webgl2', attributes);
  if (mode === 'quads') vertices = program();
  if (mode === 'overlay') {
    const over = document.createElement('canvas');
    over.width = over.height = 360;
    over.style.cssText = `position:absolute;left:${AREA.x + 160}px;top:${AREA.y + 90}px;width:360px;height:360px`;
    document.body.appendChild(over);
    gl = over.getContext('webgl2', { ...attributes, alpha: true, premultipliedAlpha: true });
  }
}

function draw() {
  frame++;
  if (mode === '2d') {
    ctx.fillStyle = frame % 2 ? '#12141a' : '#14161c';
    ctx.fillRect(AREA.x, AREA.y, AREA.w, AREA.h);
    ctx.strokeStyle = '#6cf';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let i = 0; i < 700; i++) {
      const x = AREA.x + (i * AREA.w) / 700, y = AREA.y + AREA.h / 2 + (Math.sin(i / 10 + frame) * AREA.h) / 3;
      if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y);
    }
    ctx.stroke();
    return;
  }
  if (mode === 'overlay') {
    gl.clearColor(0.1, 0.1, frame % 2 ? 0.2 : 0.25, 0.8);
    gl.clear(gl.COLOR_BUFFER_BIT);
    return;
  }
  gl.viewport(0, 0, W, H);
  gl.enable(gl.SCISSOR_TEST);
  gl.scissor(AREA.x, H - AREA.y - AREA.h, AREA.w, AREA.h);
  gl.clearColor(0.07, 0.08, frame % 2 ? 0.1 : 0.12, 1);
  gl.clear(gl.COLOR_BUFFER_BIT);
  if (vertices) gl.drawArrays(gl.TRIANGLES, 0, vertices);
  if (mode !== 'copy') return;
  // Rows come back bottom up; a blit into a second framebuffer turns them over on the GPU side.
  gl.disable(gl.SCISSOR_TEST);
  gl.bindFramebuffer(gl.READ_FRAMEBUFFER, drawn);
  gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, flipped);
  gl.blitFramebuffer(AREA.x, H - AREA.y - AREA.h, AREA.x + AREA.w, H - AREA.y, 0, AREA.h, AREA.w, 0, gl.COLOR_BUFFER_BIT, gl.NEAREST);
  gl.bindFramebuffer(gl.READ_FRAMEBUFFER, flipped);
  gl.readPixels(0, 0, AREA.w, AREA.h, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
  gl.bindFramebuffer(gl.FRAMEBUFFER, drawn);
  ctx.putImageData(new ImageData(pixels, AREA.w, AREA.h), AREA.x, AREA.y);
}

// One step: draw in an animation frame, resolve at the next one (as the app's frames do).
window.step = () => new Promise((resolve) => requestAnimationFrame(() => { draw(); requestAnimationFrame(() => resolve()); }));
window.ready = true;
