/*
 * demo/promo-video.js: the shop's "product film", made in the page so the demo needs no
 * media file and no network. A canvas animation is streamed into the <video id="hero-video">
 * (canvas.captureStream), so the video really plays and really pauses: demo/app.py pauses it
 * while the chat window is open, as in the vendor's example.
 */
(function (window, document) {
  'use strict';
  var video = document.getElementById('hero-video');
  if (!video) return;
  var canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  var ctx = canvas.getContext('2d');
  var start = performance.now();

  function frame(now) {
    var t = (now - start) / 1000;
    var w = canvas.width, h = canvas.height;
    var g = ctx.createLinearGradient(0, 0, w, h);
    var hue = 245 + 25 * Math.sin(t / 3);
    g.addColorStop(0, 'hsl(' + hue + ',70%,22%)');
    g.addColorStop(1, 'hsl(' + (hue + 40) + ',75%,38%)');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);

    // soft light
    var glow = ctx.createRadialGradient(w * 0.74, h * 0.45, 10, w * 0.74, h * 0.45, 220);
    glow.addColorStop(0, 'rgba(255,255,255,0.28)');
    glow.addColorStop(1, 'rgba(255,255,255,0)');
    ctx.fillStyle = glow;
    ctx.fillRect(0, 0, w, h);

    // headphones
    var cx = w * 0.74, cy = h * 0.5 + 6 * Math.sin(t * 1.6);
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#f8fafc';
    ctx.lineWidth = 16;
    ctx.beginPath();
    ctx.arc(cx, cy, 92, Math.PI * 1.08, Math.PI * 1.92);
    ctx.stroke();
    [-1, 1].forEach(function (side) {
      var x = cx + side * 88;
      ctx.fillStyle = '#e2e8f0';
      roundRect(x - 26, cy - 10, 52, 84, 22);
      ctx.fillStyle = '#a5b4fc';
      roundRect(x - 16 + side * 6, cy + 4, 22, 56, 11);
    });

    // sound waves
    for (var i = 0; i < 16; i++) {
      var bar = 10 + 34 * Math.abs(Math.sin(t * 3 + i * 0.55));
      ctx.fillStyle = 'rgba(255,255,255,' + (0.35 + 0.04 * i) + ')';
      ctx.fillRect(36 + i * 14, h - 58 - bar, 8, bar);
    }

    ctx.fillStyle = '#ffffff';
    ctx.font = '700 34px system-ui, sans-serif';
    ctx.fillText('Aurora One', 36, 84);
    ctx.font = '400 18px system-ui, sans-serif';
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fillText('Noise cancelling · 40 h battery', 36, 114);
    ctx.font = '600 13px ui-monospace, monospace';
    ctx.fillText(t.toFixed(1) + ' s', w - 70, h - 22);
    window.requestAnimationFrame(frame);
  }

  function roundRect(x, y, w, h, r) {
    ctx.beginPath();
    ctx.moveTo(x + r, y);
    ctx.arcTo(x + w, y, x + w, y + h, r);
    ctx.arcTo(x + w, y + h, x, y + h, r);
    ctx.arcTo(x, y + h, x, y, r);
    ctx.arcTo(x, y, x + w, y, r);
    ctx.closePath();
    ctx.fill();
  }

  window.requestAnimationFrame(frame);
  video.muted = true;
  video.srcObject = canvas.captureStream(30);
  var playing = video.play();
  if (playing && playing.catch) playing.catch(function () { /* autoplay refused: the visitor can press play */ });
})(window, document);
