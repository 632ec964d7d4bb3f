import { DEFAULT_WINDOWS, splitWindows, stitchSpans, windowsFor } from './windows';

describe('splitWindows', () => {
  it('keeps a short text whole', () => {
    expect(splitWindows('short text', { size: 64, overlap: 8 })).toEqual([{ offset: 0, text: 'short text' }]);
  });

  it('covers every character, overlaps neighbours and ends windows at whitespace where it can', () => {
    const text = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    const windows = splitWindows(text, { size: 100, overlap: 20 });
    expect(windows.length).toBeGreaterThan(5);
    for (const w of windows) {
      expect(w.text.length).toBeLessThanOrEqual(100);
      expect(text.slice(w.offset, w.offset + w.text.length)).toBe(w.text);
    }
    for (let i = 1; i < windows.length; i++) {
      const prev = windows[i - 1]!;
      expect(windows[i]!.offset).toBeLessThan(prev.offset + prev.text.length); // overlap, no gap
      expect(prev.offset + prev.text.length - windows[i]!.offset).toBeGreaterThanOrEqual(20);
      expect(prev.text.endsWith(' ')).toBe(true);
    }
    const last = windows[windows.length - 1]!;
    expect(last.offset + last.text.length).toBe(text.length);
  });

  it('sizes the overlap to twice the receptive field of the model, never below the default', () => {
    expect(windowsFor(undefined)).toEqual(DEFAULT_WINDOWS);
    expect(windowsFor(15)).toEqual(DEFAULT_WINDOWS);
    expect(windowsFor(63)).toEqual({ size: 512, overlap: 128 });
    expect(windowsFor(127)).toEqual({ size: 1024, overlap: 256 });
    for (const rf of [1, 15, 31, 63, 100, 127, 300]) {
      const w = windowsFor(rf);
      expect(w.overlap).toBeGreaterThanOrEqual(2 * rf);
      expect(splitWindows('x '.repeat(5000), w).length).toBeGreaterThan(1); // valid options
    }
  });

  it('rejects an overlap that would not advance', () => {
    expect(() => splitWindows('x'.repeat(100), { size: 10, overlap: 5 })).toThrow(/window options/);
  });
});

describe('stitchSpans', () => {
  it('prefers the copy of a span away from a window edge and drops the cut one', () => {
    // Document of 30 chars, windows [0,20) and [10,30); a span at 15..22 is cut by window 1 at 20.
    const windows = [
      { offset: 0, text: 'a'.repeat(20) },
      { offset: 10, text: 'a'.repeat(20) },
    ];
    const spans = [
      [
        { label: 'lot_number', start: 2, end: 6, confidence: 0.9 },
        { label: 'part_number', start: 15, end: 20, confidence: 0.8 },
      ],
      [
        { label: 'part_number', start: 5, end: 12, confidence: 0.95 },
        { label: 'quantity', start: 15, end: 18, confidence: 0.7 },
      ],
    ];
    expect(stitchSpans(windows, spans, 30)).toEqual([
      { label: 'lot_number', start: 2, end: 6, confidence: 0.9 },
      { label: 'part_number', start: 15, end: 22, confidence: 0.95 },
      { label: 'quantity', start: 25, end: 28, confidence: 0.7 },
    ]);
  });

  it('keeps one copy of a span both windows saw whole', () => {
    const windows = [
      { offset: 0, text: 'a'.repeat(20) },
      { offset: 10, text: 'a'.repeat(20) },
    ];
    const s = { label: 'line', start: 12, end: 15, confidence: 0.9 };
    expect(stitchSpans(windows, [[s], [{ ...s, start: 2, end: 5 }]], 30)).toEqual([s]);
  });
});
