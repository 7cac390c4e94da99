#!/usr/bin/env node
// What a user would write instead of aekit: an aekit bundle (model.json + encoder.onnx/decoder.onnx, or
// denoiser.onnx) run with ONNX Runtime for Node.js over a folder of images; PNGs read and written by pngjs (in
// process, cheap for many small files), other formats by sharp (libvips, libjpeg-turbo/mozjpeg). The speed reference of tools/bench-infer (issue: "be faster than the
// script a user would write instead").
//
//   node peer.js --model BUNDLE_DIR IN_DIR -o OUT_DIR [--workers 2] [--batch 64] [--tile 768] [--quality 95]
//
// It does what `aekit denoise`/`reconstruct` do with the same bundle, by the same rules:
// - fixed-size autoencoders: every file (recursively) is decoded, converted to the model's colour mode (BT.601
//   luma for grey models, grey replicated for colour ones), fitted to the model's input (centre crop to its aspect
//   when the bundle says center-crop, then area averaging when shrinking or bilinear with half-pixel centres when
//   growing, aekit's Resampler), run in batches through encoder.onnx then decoder.onnx, and written as 8-bit PNG
//   at the model's size (OUT/rel/name.png);
// - photo denoisers (denoiser.onnx): each file is denoised at its own size, tile by tile (tiles of --tile px
//   aligned to the model's multiple, margins of its receptive radius rounded up to the multiple, borders mirrored,
//   centres pasted), and written in its own format (JPEG at --quality).
// Every output is written to a temporary name and renamed. Files are split over --workers processes, each with one
// ONNX Runtime intra-op thread and one libvips thread. EXIF orientation is not applied (none of the benchmark's
// files carry one).
'use strict';
const fs = require('fs');
const path = require('path');
const { fork } = require('child_process');

function parse(argv) {
  const o = { workers: 2, batch: 64, tile: 768, quality: 95, inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(a + ' needs a value');
      return argv[++i];
    };
    if (a === '--model' || a === '-m') o.model = next();
    else if (a === '-o' || a === '--out') o.out = next();
    else if (a === '--workers') o.workers = +next();
    else if (a === '--batch') o.batch = +next();
    else if (a === '--tile') o.tile = +next();
    else if (a === '--quality') o.quality = +next();
    else if (a === '--worker') o.worker = true;
    else o.inputs.push(a);
  }
  if (!o.model || !o.out || o.inputs.length !== 1) {
    throw new Error('usage: node peer.js --model BUNDLE_DIR IN_DIR -o OUT_DIR [--workers N] [--batch N] [--tile N]');
  }
  return o;
}

function walk(dir, rel, out) {
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith('.')) continue;
    const r = path.join(rel, e.name);
    if (e.isDirectory()) walk(dir, r, out);
    else if (e.isFile() || e.isSymbolicLink()) out.push(r);
  }
  return out;
}

// ---- the parent: list, split, fork, sum ----
async function parent(o) {
  const t0 = process.hrtime.bigint();
  const files = walk(o.inputs[0], '', []);
  const n = Math.max(1, Math.min(o.workers, files.length));
  const shares = Array.from({ length: n }, () => []);
  files.forEach((f, i) => shares[i % n].push(f));
  const results = await Promise.all(shares.map((share) => new Promise((resolve, reject) => {
    const child = fork(__filename, [...process.argv.slice(2), '--worker'], {
      env: { ...process.env, UV_THREADPOOL_SIZE: '1', OMP_NUM_THREADS: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (m) => resolve(m));
    child.on('error', reject);
    child.on('exit', (code) => code !== 0 && reject(new Error('worker exited with ' + code)));
    child.send(share);
  })));
  const done = results.reduce((s, r) => s + r.done, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  const px = results.reduce((s, r) => s + r.pixels, 0);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stderr.write(`done ${done}, failed ${failed}, ${secs.toFixed(2)} s, ${(done / secs).toFixed(0)} images/s, `
      + `${(px / 1e6 / secs).toFixed(2)} Mpx/s\n`);
  process.exitCode = failed > 0 ? 1 : 0;
}

// ---- a worker: one share of the files ----
async function worker(o, share) {
  const ort = require('onnxruntime-node');
  const { PNG } = require('pngjs');
  const sharp = require('sharp');
  sharp.concurrency(1);
  sharp.cache(false);
  const manifest = JSON.parse(fs.readFileSync(path.join(o.model, 'model.json'), 'utf8'));
  const opts = { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' };
  const stats = { done: 0, failed: 0, pixels: 0 };
  const inRoot = o.inputs[0];

  async function write(rel, raw, w, h, c, format) {
    const dst = path.join(o.out, rel);
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    const tmp = path.join(path.dirname(dst), '.' + path.basename(dst) + '.' + process.pid + '.tmp');
    if (format === 'png') { // pngjs: synchronous and cheap for the many small files of a batch
      const png = new PNG({ width: w, height: h, colorType: c === 1 ? 0 : 2, inputColorType: c === 1 ? 0 : 2,
        inputHasAlpha: false, deflateLevel: 6 });
      png.data = raw;
      fs.writeFileSync(tmp, PNG.sync.write(png, { colorType: c === 1 ? 0 : 2, inputColorType: c === 1 ? 0 : 2,
        inputHasAlpha: false, deflateLevel: 6 }));
      fs.renameSync(tmp, dst);
      return;
    }
    let img = sharp(raw, { raw: { width: w, height: h, channels: c } });
    if (c === 1) img = img.toColourspace('b-w'); // grey stays grey (libvips would write sRGB)
    img = format === 'jpg' ? img.jpeg({ quality: o.quality }) : img.png({ compressionLevel: 6 });
    await img.toFile(tmp);
    fs.renameSync(tmp, dst);
  }

  async function decode(rel) {
    const file = path.join(inRoot, rel);
    if (rel.toLowerCase().endsWith('.png')) { // pngjs gives RGBA; grey files keep one channel
      const png = PNG.sync.read(fs.readFileSync(file));
      const n = png.width * png.height;
      const grey = (png.colorType & 2) === 0;
      const alpha = (png.colorType & 4) !== 0 || png.alpha;
      const c = grey ? 1 : 3;
      const px = Buffer.alloc(n * c);
      for (let p = 0; p < n; p++) {
        const a = alpha ? png.data[p * 4 + 3] : 255;
        for (let j = 0; j < c; j++) {
          const v = png.data[p * 4 + j];
          px[p * c + j] = a === 255 ? v : Math.floor((v * a + 127) / 255); // alpha composited on black
        }
      }
      return { px, w: png.width, h: png.height, c };
    }
    const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
    let c = info.channels;
    let px = data;
    if (c === 2 || c === 4) { // alpha composited on black, as aekit's decoder does
      const k = c - 1;
      px = Buffer.alloc(info.width * info.height * k);
      for (let p = 0; p < info.width * info.height; p++) {
        const a = data[p * c + k];
        for (let j = 0; j < k; j++) px[p * k + j] = Math.floor((data[p * c + j] * a + 127) / 255);
      }
      c = k;
    }
    return { px, w: info.width, h: info.height, c };
  }

  // value of channel ch of the model's colour mode (mc channels) at pixel index p of an image with ic channels
  function value(px, p, ic, mc, ch) {
    if (ic === mc) return px[p * ic + ch] / 255;
    if (mc === 1) return (0.299 * px[p * 3] + 0.587 * px[p * 3 + 1] + 0.114 * px[p * 3 + 2]) / 255;
    return px[p] / 255;
  }

  if (manifest.denoiser) {
    const d = manifest.denoiser;
    const session = await ort.InferenceSession.create(path.join(o.model, d.file), opts);
    const m = d.multiple;
    const roundUp = (v) => Math.ceil(v / m) * m;
    const tile = Math.max(m, roundUp(o.tile));
    const margin = roundUp(d.receptiveRadius);
    const mirror = (i, n) => {
      if (n === 1) return 0;
      const period = 2 * n - 2;
      const r = ((i % period) + period) % period;
      return r < n ? r : period - r;
    };
    const mc = manifest.input.channels;
    for (const rel of share) {
      try {
        const { px, w, h, c } = await decode(rel);
        const out = Buffer.alloc(w * h * mc);
        for (let y = 0; y < h; y += tile) {
          const th = Math.min(tile, h - y);
          for (let x = 0; x < w; x += tile) {
            const tw = Math.min(tile, w - x);
            const wy = y - margin;
            const wx = x - margin;
            const wh = roundUp(th) + 2 * margin;
            const ww = roundUp(tw) + 2 * margin;
            const win = new Float32Array(mc * wh * ww); // (C, wh, ww)
            const cols = new Int32Array(ww);
            for (let i = 0; i < ww; i++) cols[i] = mirror(wx + i, w);
            for (let i = 0; i < wh; i++) {
              const row = mirror(wy + i, h) * w;
              for (let ch = 0; ch < mc; ch++) {
                const o2 = (ch * wh + i) * ww;
                for (let j = 0; j < ww; j++) win[o2 + j] = value(px, row + cols[j], c, mc, ch);
              }
            }
            const res = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', win, [1, mc, wh, ww]) });
            const r = res[session.outputNames[0]].data;
            const plane = wh * ww;
            for (let i = 0; i < th; i++) {
              let dst = ((y + i) * w + x) * mc;
              const src = (margin + i) * ww + margin;
              for (let j = 0; j < tw; j++) {
                for (let ch = 0; ch < mc; ch++) {
                  const v = r[ch * plane + src + j];
                  out[dst++] = v > 0 ? (v >= 1 ? 255 : Math.round(Math.fround(v * 255))) : 0;
                }
              }
            }
          }
        }
        const ext = path.extname(rel).slice(1).toLowerCase();
        const format = ext === 'jpg' || ext === 'jpeg' ? 'jpg' : 'png';
        const name = format === 'png' && ext !== 'png' ? rel.slice(0, rel.length - ext.length) + 'png' : rel;
        await write(name, out, w, h, mc, format);
        stats.done++;
        stats.pixels += w * h;
      } catch (e) {
        stats.failed++;
        process.stderr.write(rel + ': ' + e.message.split('\n')[0] + '\n');
      }
    }
    return stats;
  }

  // a fixed-size autoencoder
  const enc = await ort.InferenceSession.create(path.join(o.model, 'encoder.onnx'), opts);
  const dec = await ort.InferenceSession.create(path.join(o.model, 'decoder.onnx'), opts);
  const inp = manifest.input;
  const mc = inp.channels;
  const H = inp.height;
  const W = inp.width;
  const per = mc * H * W;
  const tapCache = new Map();
  function taps(src, dst) {
    const key = src + 'x' + dst;
    if (tapCache.has(key)) return tapCache.get(key);
    const idx = [];
    const wt = [];
    const scale = src / dst;
    for (let i = 0; i < dst; i++) {
      if (src > dst) {
        const lo = i * scale;
        const hi = (i + 1) * scale;
        const first = Math.floor(lo);
        const last = Math.min(src - 1, Math.ceil(hi) - 1);
        const ii = [];
        const ww = [];
        for (let s = first; s <= last; s++) {
          ii.push(s);
          ww.push(Math.fround((Math.min(hi, s + 1) - Math.max(lo, s)) / scale));
        }
        idx.push(ii);
        wt.push(ww);
      } else if (src < dst) {
        const centre = Math.max(0, (i + 0.5) * scale - 0.5);
        const s0 = Math.min(src - 1, Math.floor(centre));
        const s1 = Math.min(src - 1, s0 + 1);
        const f = Math.fround(centre - s0);
        idx.push([s0, s1]);
        wt.push([Math.fround(1 - f), f]);
      } else {
        idx.push([i]);
        wt.push([1]);
      }
    }
    const t = { idx, wt };
    tapCache.set(key, t);
    return t;
  }
  function tensor(img, dst, off) {
    let x0 = 0;
    let y0 = 0;
    let cw = img.w;
    let ch = img.h;
    if (inp.crop === 'center-crop') {
      if (img.w * H > img.h * W) {
        cw = Math.max(1, Math.round(img.h * W / H));
        x0 = Math.floor((img.w - cw) / 2);
      } else {
        ch = Math.max(1, Math.round(img.w * H / W));
        y0 = Math.floor((img.h - ch) / 2);
      }
    }
    const tx = taps(cw, W);
    const ty = taps(ch, H);
    const rows = new Float32Array(ch * W);
    for (let c = 0; c < mc; c++) {
      for (let y = 0; y < ch; y++) {
        for (let x = 0; x < W; x++) {
          let acc = 0;
          const ix = tx.idx[x];
          const wx = tx.wt[x];
          for (let k = 0; k < ix.length; k++) acc = Math.fround(acc + Math.fround(value(img.px, (y0 + y) * img.w + x0 + ix[k], img.c, mc, c) * wx[k]));
          rows[y * W + x] = acc;
        }
      }
      for (let y = 0; y < H; y++) {
        const iy = ty.idx[y];
        const wy = ty.wt[y];
        for (let x = 0; x < W; x++) {
          let acc = 0;
          for (let k = 0; k < iy.length; k++) acc = Math.fround(acc + Math.fround(rows[iy[k] * W + x] * wy[k]));
          dst[off + (c * H + y) * W + x] = acc;
        }
      }
    }
  }
  for (let start = 0; start < share.length; start += o.batch) {
    const names = share.slice(start, start + o.batch);
    const imgs = await Promise.all(names.map((rel) => decode(rel).catch((e) => ({ error: e }))));
    const ok = [];
    imgs.forEach((im, i) => {
      if (im.error) {
        stats.failed++;
        process.stderr.write(names[i] + ': ' + im.error.message.split('\n')[0] + '\n');
      } else ok.push(i);
    });
    if (ok.length === 0) continue;
    const b = ok.length;
    const x = new Float32Array(b * per);
    ok.forEach((i, k) => tensor(imgs[i], x, k * per));
    const z = await enc.run({ [enc.inputNames[0]]: new ort.Tensor('float32', x, [b, mc, H, W]) });
    const r = await dec.run({ [dec.inputNames[0]]: z[enc.outputNames[0]] });
    const y = r[dec.outputNames[0]].data;
    await Promise.all(ok.map(async (i, k) => {
      const raw = Buffer.alloc(per);
      for (let p = 0; p < H * W; p++) {
        for (let c = 0; c < mc; c++) {
          const v = y[k * per + c * H * W + p];
          raw[p * mc + c] = v > 0 ? (v >= 1 ? 255 : Math.round(Math.fround(v * 255))) : 0;
        }
      }
      const rel = names[i];
      const ext = path.extname(rel);
      try {
        await write(rel.slice(0, rel.length - ext.length) + '.png', raw, W, H, mc, 'png');
        stats.done++;
        stats.pixels += imgs[i].w * imgs[i].h;
      } catch (e) {
        stats.failed++;
        process.stderr.write(rel + ': ' + e.message.split('\n')[0] + '\n');
      }
    }));
  }
  return stats;
}

const o = parse(process.argv.slice(2));
if (o.worker) {
  process.once('message', (share) => {
    worker(o, share).then((s) => process.send(s, () => process.exit(0)), (e) => {
      process.stderr.write('worker: ' + e.message + '\n');
      process.exit(1);
    });
  });
} else {
  parent(o).catch((e) => {
    process.stderr.write('peer: ' + e.message + '\n');
    process.exitCode = 1;
  });
}
