;; The prefilter's one pass (sweep.ts) over UTF-8 bytes: kernel.ts writes a text into this
;; module's memory and calls `sweep`. The module is this file's fields and then those of
;; marks.wat, verify.wat, segments.wat, forms.wat and blob-reject.wat (scripts/wat-source.mjs joins them; build-wasm.mjs
;; assembles them into sweep.wasm). Hand-written because the pass must cost a few cycles a
;; byte, which no JavaScript loop does.
;;
;; The automaton is not stepped at every byte: its state is a chain of dependent loads (rows
;; that live in L2), about 20 cycles a byte here. Instead, at every second position ($stride),
;; the next Q bytes (ASCII case folded by OR 0x20) are hashed into $bitmap, which has a bit for
;; the Q bytes at offsets 0 and 1 of every byte pattern (Q: one less than the shortest pattern,
;; at most 8; with one-byte patterns, Q = 1 and $stride = 1). Where the bit is set the automaton
;; runs from that position and from the one before, from the root, while the bytes read still
;; spell a trie path (state depth = bytes read: states are numbered breadth-first, depth k from
;; $levels[k]). A pattern occurrence starts at a checked position or just before one, and its
;; Q bytes there are in the bitmap: nothing is missed.
;;
;; Blob-run ends (any byte but letters, digits, / - _ $) are found 16 bytes at a time with
;; vector compares, and only they go through the class logic. A quiet block — no escape byte
;; (% + \) or byte beyond ASCII in it, and no escaped segment open — needs no more than the runs
;; at its first and last such byte: segments matter only once an escape opens one, so their
;; start is then found by looking back for the last delimiter ($segmentStart), not kept up.
;;
;; Memory layout (byte-automaton.ts fills it; the addresses are imported as constants):
;;   $tab        256 × i32  byte → automaton symbol (low 15 bits) | 0x8000 blob character that
;;                          is not a hex digit | class << 16 (0: blob character)
;;   $rows       u16        dense rows: state * width + symbol → (next << 1) | reports
;;   $edgeStart  i32        sparse edges of state s: edgeStart[s] … edgeStart[s+1]-1
;;   $edgeSym    u16, $edgeTo i32, $fail i32 (failure link)
;;   $report     u8         1 when a pattern ends at the state or along its failure chain
;;   $bitmap     bits       of `((first Q bytes | 0x2020…) & $mask) * K >>> $shift` (64-bit)
;;   $levels     i32        first state of each depth, then the state count
;;   $b64, $lzb64, $lzuri  i8 × 128: digit values of decode.ts's base64 and LZ-string's two
;;               alphabets (-1: none); $rev u8 × 65: six-bit values bit-reversed (blob-reject.ts)
;; and sweep.ts's MIN_BLOB and lz-string.ts's LZ_UTF16_UNITS as $minBlob and $maxSignals.
;; Results: CANDIDATE (-1), UTF16 (-2), MARKS_FULL (-3: rerun with room), else the number of
;; i32 written at $m: pairs (start, end) of blob runs, and of escaped segments with start
;; stored as -start - 1, as byte offsets from $p.
  (import "t" "tab" (global $tab i32))
  (import "t" "rows" (global $rows i32))
  (import "t" "width" (global $width i32))
  (import "t" "dense" (global $dense i32))
  (import "t" "edgeStart" (global $edgeStart i32))
  (import "t" "edgeSym" (global $edgeSym i32))
  (import "t" "edgeTo" (global $edgeTo i32))
  (import "t" "fail" (global $fail i32))
  (import "t" "report" (global $report i32))
  (import "t" "bitmap" (global $bitmap i32))
  (import "t" "levels" (global $levels i32))
  (import "t" "mask" (global $mask i64))
  (import "t" "shift" (global $shift i64))
  (import "t" "stride" (global $stride i32))
  (import "t" "b64" (global $b64 i32))
  (import "t" "lzb64" (global $lzb64 i32))
  (import "t" "lzuri" (global $lzuri i32))
  (import "t" "rev" (global $rev i32))
  (import "t" "minBlob" (global $minBlob i32))
  (import "t" "signals" (global $maxSignals i32))
  (memory (export "memory") 1)

  ;; $refuse: 1 to leave out the blob runs `undecodable` refuses (prefilter.ts drops them anyway),
  ;; saving a call from JS per run; 0 for every mark, as sweep.ts gives them.
  (func $sweep (export "sweep") (param $p i32) (param $n i32) (param $m i32) (param $cap i32) (param $refuse i32) (result i32)
    (local $i i32) (local $end i32) (local $k i32) (local $kend i32) (local $h i32)
    (local $v v128) (local $l v128) (local $alpha v128) (local $other v128)
    (local $c i32) (local $t i32) (local $j i32) (local $e i32)
    (local $count i32) (local $segment i32) (local $escapes i32) (local $run i32)
    (local $signals i32) (local $cls i32) (local $delim i32) (local $valid i32) (local $last i32) (local $stale i32)
    (global.set $refuse (local.get $refuse))
    (local.set $i (local.get $p))
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (local.set $segment (local.get $p))
    (local.set $run (local.get $p))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $kend (select (i32.add (local.get $i) (i32.const 16)) (local.get $end)
          (i32.lt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end))))
        ;; The filter at every $stride-th position of the block (bytes read past the end are never
        ;; a match: $verify stops at the end).
        ;; Unrolled for a whole block at stride 2: the common case, where loop control costs.
        (if (i32.and (i32.eq (global.get $stride) (i32.const 2)) (i32.eq (i32.sub (local.get $kend) (local.get $i)) (i32.const 16)))
          (then
            (local.set $h (i32.wrap_i64 (i64.shr_u
              (i64.mul (i64.and (i64.or (i64.load offset=0 (local.get $i)) (i64.const 0x2020202020202020)) (global.get $mask))
                (i64.const 0x9e3779b97f4a7c15))
              (global.get $shift))))
            (if (i32.and (i32.load8_u (i32.add (global.get $bitmap) (i32.shr_u (local.get $h) (i32.const 3))))
                  (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 7))))
              (then (if (call $hit (i32.add (local.get $i) (i32.const 0)) (local.get $p) (local.get $end)) (then (return (i32.const -1))))))
            (local.set $h (i32.wrap_i64 (i64.shr_u
              (i64.mul (i64.and (i64.or (i64.load offset=2 (local.get $i)) (i64.const 0x2020202020202020)) (global.get $mask))
                (i64.const 0x9e3779b97f4a7c15))
              (global.get $shift))))
            (if (i32.and (i32.load8_u (i32.add (global.get $bitmap) (i32.shr_u (local.get $h) (i32.const 3))))
                  (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 7))))
              (then (if (call $hit (i32.add (local.get $i) (i32.const 2)) (local.get $p) (local.get $end)) (then (return (i32.const -1))))))
            (local.set $h (i32.wrap_i64 (i64.shr_u
              (i64.mul (i64.and (i64.or (i64.load offset=4 (local.get $i)) (i64.const 0x2020202020202020)) (global.get $mask))
                (i64.const 0x9e3779b97f4a7c15))
              (global.get $shift))))
            (if (i32.and (i32.load8_u (i32.add (global.get $bitmap) (i32.shr_u (local.get $h) (i32.const 3))))
                  (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 7))))
              (then (if (call $hit (i32.add (local.get $i) (i32.const 4)) (local.get $p) (local.get $end)) (then (return (i32.const -1))))))
            (local.set $h (i32.wrap_i64 (i64.shr_u
              (i64.mul (i64.and (i64.or (i64.load offset=6 (local.get $i)) (i64.const 0x2020202020202020)) (global.get $mask))
                (i64.const 0x9e3779b97f4a7c15))
              (global.get $shift))))
            (if (i32.and (i32.load8_u (i32.add (global.get $bitmap) (i32.shr_u (local.get $h) (i32.const 3))))
                  (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 7))))
              (then (if (call $hit (i32.add (local.get $i) (i32.const 6)) (local.get $p) (local.get $end)) (then (return (i32.const -1))))))
            (local.set $h (i32.wrap_i64 (i64.shr_u
              (i64.mul (i64.and (i64.or (i64.load offset=8 (local.get $i)) (i64.const 0x2020202020202020)) (global.get $mask))
                (i64.const 0x9e3779b97f4a7c15))
              (global.get $shift))))
            (if (i32.and (i32.load8_u (i32.add (global.get $bitmap) (i32.shr_u (local.get $h) (i32.const 3))))
                  (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 7))))
              (then (if (call $hit (i32.add (local.get $i) (i32.const 8)) (local.get $p) (local.get $end)) (then (return (i32.const -1))))))
            (local.set $h (i32.wrap_i64 (i64.shr_u
              (i64.mul (i64.and (i64.or (i64.load offset=10 (local.get $i)) (i64.const 0x2020202020202020)) (global.get $mask))
                (i64.const 0x9e3779b97f4a7c15))
              (global.get $shift))))
            (if (i32.and (i32.load8_u (i32.add (global.get $bitmap) (i32.shr_u (local.get $h) (i32.const 3))))
                  (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 7))))
              (then (if (call $hit (i32.add (local.get $i) (i32.const 10)) (local.get $p) (local.get $end)) (then (return (i32.const -1))))))
            (local.set $h (i32.wrap_i64 (i64.shr_u
              (i64.mul (i64.and (i64.or (i64.load offset=12 (local.get $i)) (i64.const 0x2020202020202020)) (global.get $mask))
                (i64.const 0x9e3779b97f4a7c15))
              (global.get $shift))))
            (if (i32.and (i32.load8_u (i32.add (global.get $bitmap) (i32.shr_u (local.get $h) (i32.const 3))))
                  (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 7))))
              (then (if (call $hit (i32.add (local.get $i) (i32.const 12)) (local.get $p) (local.get $end)) (then (return (i32.const -1))))))
            (local.set $h (i32.wrap_i64 (i64.shr_u
              (i64.mul (i64.and (i64.or (i64.load offset=14 (local.get $i)) (i64.const 0x2020202020202020)) (global.get $mask))
                (i64.const 0x9e3779b97f4a7c15))
              (global.get $shift))))
            (if (i32.and (i32.load8_u (i32.add (global.get $bitmap) (i32.shr_u (local.get $h) (i32.const 3))))
                  (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 7))))
              (then (if (call $hit (i32.add (local.get $i) (i32.const 14)) (local.get $p) (local.get $end)) (then (return (i32.const -1))))))
          )
          (else
            (local.set $k (local.get $i))
            (loop $position
              (local.set $h (i32.wrap_i64 (i64.shr_u
                (i64.mul (i64.and (i64.or (i64.load (local.get $k)) (i64.const 0x2020202020202020)) (global.get $mask))
                  (i64.const 0x9e3779b97f4a7c15))
                (global.get $shift))))
              (if (i32.and (i32.load8_u (i32.add (global.get $bitmap) (i32.shr_u (local.get $h) (i32.const 3))))
                    (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 7))))
                (then (if (call $hit (local.get $k) (local.get $p) (local.get $end)) (then (return (i32.const -1))))))
              (local.set $k (i32.add (local.get $k) (global.get $stride)))
              (br_if $position (i32.lt_u (local.get $k) (local.get $kend))))))
        ;; Blob characters of the block (kernel-layout.ts checks these ranges against $tab's
        ;; classes): letters, digits, / - _ $. Whether a run is all hex is asked at its mark.
        (local.set $v (v128.load (local.get $i)))
        (local.set $l (i8x16.sub (v128.or (local.get $v) (i8x16.splat (i32.const 0x20))) (i8x16.splat (i32.const 0x61))))
        (local.set $alpha (i8x16.lt_u (local.get $l) (i8x16.splat (i32.const 26))))
        (local.set $other (v128.or
          (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x2f))) (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x2d))))
          (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x5f))) (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x24))))))
        (local.set $valid (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $kend) (local.get $i))) (i32.const 1)))
        (local.set $c (i32.and
          (i32.xor (i8x16.bitmask (v128.or (v128.or (local.get $alpha) (local.get $other))
            (i8x16.lt_u (i8x16.sub (local.get $v) (i8x16.splat (i32.const 0x30))) (i8x16.splat (i32.const 10)))))
            (i32.const 0xffff))
          (local.get $valid)))
        ;; Each byte that ends a blob run, in order; at most two marks each.
        (if (i32.gt_u (i32.add (local.get $count) (i32.const 68)) (local.get $cap)) (then (return (i32.const -3))))
        (if (i32.and (i32.eqz (local.get $escapes))
              (i32.eqz (i32.and (local.get $valid) (i8x16.bitmask (v128.or (local.get $v)
                (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x25)))
                  (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x2b))) (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x5c))))))))))
          (then ;; quiet: only runs longer than minBlob matter, and between two such bytes only if far apart
            (if (local.get $c)
              (then
                (local.set $stale (i32.const 1))
                (local.set $t (i32.ctz (local.get $c)))
                (local.set $last (i32.sub (i32.const 31) (i32.clz (local.get $c))))
                (if (i32.le_u (i32.sub (local.get $last) (local.get $t)) (global.get $minBlob))
                  (then ;; the common case, without a loop: the run ending at the first end may be
                    ;; long enough; those up to the last are not, and the next starts after it
                    (local.set $j (i32.add (local.get $i) (local.get $t)))
                    (if (i32.ge_u (i32.sub (local.get $j) (local.get $run)) (global.get $minBlob))
                      (then (local.set $count (call $runMark (local.get $m) (local.get $count) (local.get $p) (local.get $run) (local.get $j)))))
                    (local.set $run (i32.add (i32.add (local.get $i) (local.get $last)) (i32.const 1))))
                  (else
                    (loop $ends
                      (local.set $t (i32.ctz (local.get $c)))
                      (local.set $c (i32.and (local.get $c) (i32.sub (local.get $c) (i32.const 1))))
                      (local.set $j (i32.add (local.get $i) (local.get $t)))
                      (if (i32.ge_u (i32.sub (local.get $j) (local.get $run)) (global.get $minBlob))
                        (then (local.set $count (call $runMark (local.get $m) (local.get $count) (local.get $p) (local.get $run) (local.get $j)))))
                      (local.set $run (i32.add (local.get $j) (i32.const 1)))
                      (br_if $ends (local.get $c))))))))
          (else
        (block $classes
          (loop $class
            (br_if $classes (i32.eqz (local.get $c)))
            (local.set $t (i32.ctz (local.get $c)))
            (local.set $c (i32.and (local.get $c) (i32.sub (local.get $c) (i32.const 1))))
            (local.set $j (i32.add (local.get $i) (local.get $t)))
            ;; The run ends here: marked when long enough, outside escapes, not all hex.
            (if (i32.and (i32.ge_u (i32.sub (local.get $j) (local.get $run)) (global.get $minBlob)) (i32.eqz (local.get $escapes)))
              (then (local.set $count (call $runMark (local.get $m) (local.get $count) (local.get $p) (local.get $run) (local.get $j)))))
            (local.set $run (i32.add (local.get $j) (i32.const 1)))
            (local.set $e (i32.load (i32.add (global.get $tab) (i32.shl (i32.load8_u (local.get $j)) (i32.const 2)))))
            (local.set $cls (i32.shr_u (local.get $e) (i32.const 16)))
            ;; Without branches on the class: which class follows which is unpredictable.
            (local.set $delim (i32.eq (local.get $cls) (i32.const 1)))
            (if (i32.and (local.get $delim) (local.get $escapes))
              (then ;; an escaped segment ends
                (local.set $count (call $segmentMark (local.get $m) (local.get $count) (local.get $p) (local.get $segment) (local.get $j)))))
            ;; The first escape after quiet blocks: where its segment starts.
            (if (i32.and (local.get $stale) (i32.eq (local.get $cls) (i32.const 2)))
              (then (local.set $segment (call $segmentStart (local.get $j) (local.get $segment)))))
            (local.set $stale (i32.and (local.get $stale) (i32.and (i32.ne (local.get $cls) (i32.const 1)) (i32.ne (local.get $cls) (i32.const 2)))))
            (local.set $segment (select (local.get $run) (local.get $segment) (local.get $delim)))
            (local.set $escapes (select (i32.const 0)
              (i32.or (local.get $escapes) (i32.eq (local.get $cls) (i32.const 2))) (local.get $delim)))
            ;; 8: a lead byte of a code point beyond Latin-1; 16: 0xE2, unless quiet; 32: 0xE8, if below U+8020.
            (if (i32.ge_u (local.get $cls) (i32.const 8))
              (then
                (if (i32.or (i32.eq (local.get $cls) (i32.const 8))
                      (select (i32.eqz (call $quietE2 (local.get $j) (local.get $end))) (call $lowE8 (local.get $j) (local.get $end))
                        (i32.eq (local.get $cls) (i32.const 16))))
                  (then
                    (local.set $signals (i32.add (local.get $signals) (i32.const 1)))
                    (if (i32.ge_u (local.get $signals) (global.get $maxSignals)) (then (return (i32.const -2))))))))
            (br $class)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $block)))
    (if (i32.gt_u (i32.add (local.get $count) (i32.const 4)) (local.get $cap)) (then (return (i32.const -3))))
    (if (i32.and (i32.ge_u (i32.sub (local.get $end) (local.get $run)) (global.get $minBlob)) (i32.eqz (local.get $escapes)))
      (then (local.set $count (call $runMark (local.get $m) (local.get $count) (local.get $p) (local.get $run) (local.get $end)))))
    (if (local.get $escapes)
      (then (local.set $count (call $segmentMark (local.get $m) (local.get $count) (local.get $p) (local.get $segment) (local.get $end)))))
    (local.get $count))
