;; Fields of the kernel's module (see sweep.wat): the steps on escaped segments, blob runs and
;; URLs that kernel.ts makes in bytes.

;; Whether $n bytes at $p are a plain segment for forms.wat's decoding: 0 when one is `+` or
  ;; a backslash (readings then has more than percent-decodings), 2 when one is beyond ASCII
  ;; (the caller checks UTF-8), else 1. Sixteen bytes at a time; those past the end are masked.
  (func $plain (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $end i32) (local $v v128) (local $valid i32) (local $bad i32) (local $high i32)
    (local.set $i (local.get $p))
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $v (v128.load (local.get $i)))
        (local.set $valid (select (i32.const 0xffff) (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $end) (local.get $i))) (i32.const 1))
          (i32.ge_u (i32.sub (local.get $end) (local.get $i)) (i32.const 16))))
        (local.set $bad (i32.or (local.get $bad) (i32.and (local.get $valid)
          (i8x16.bitmask (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x2b))) (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x5c))))))))
        (local.set $high (i32.or (local.get $high) (i32.and (local.get $valid) (i8x16.bitmask (local.get $v)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $block)))
    (if (local.get $bad) (then (return (i32.const 0))))
    (i32.add (i32.const 1) (i32.ne (local.get $high) (i32.const 0))))

  (func $hex (param $c i32) (result i32)
    (if (i32.lt_u (i32.sub (local.get $c) (i32.const 0x30)) (i32.const 10)) (then (return (i32.sub (local.get $c) (i32.const 0x30)))))
    (local.set $c (i32.or (local.get $c) (i32.const 0x20)))
    (if (i32.lt_u (i32.sub (local.get $c) (i32.const 0x61)) (i32.const 6)) (then (return (i32.sub (local.get $c) (i32.const 0x57)))))
    (i32.const -1))

  ;; Percent-decodes $n bytes at $src into $dst (at least 16 bytes beyond the result's end are
  ;; free, and the two do not overlap): the new length, with bit 30 set when an escape made a
  ;; byte beyond ASCII (the caller checks UTF-8) and bit 29 when one made a `%` (without one the
  ;; next round finds none: forms.wat stops); -1 at a `%` without two hex digits, -2 when there
  ;; is no `%`, -3 when the result holds `+` or a backslash. The bytes up to the next `%` are
  ;; copied sixteen at a time (those past it are written over next).
  (func $percent (param $src i32) (param $n i32) (param $dst i32) (result i32)
    (local $i i32) (local $end i32) (local $o i32) (local $c i32) (local $hi i32) (local $lo i32)
    (local $escapes i32) (local $high i32) (local $percent i32) (local $v v128) (local $t i32) (local $left i32)
    (local.set $i (local.get $src))
    (local.set $end (i32.add (local.get $src) (local.get $n)))
    (local.set $o (local.get $dst))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $v (v128.load (local.get $i)))
        (local.set $left (i32.sub (local.get $end) (local.get $i)))
        ;; Bytes before the next `%` (or the end) in these sixteen.
        (local.set $t (i32.ctz (i32.or (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x25)))) (i32.const 0x10000))))
        (local.set $t (select (local.get $t) (local.get $left) (i32.lt_u (local.get $t) (local.get $left))))
        (if (i32.and (i32.sub (i32.shl (i32.const 1) (local.get $t)) (i32.const 1))
              (i8x16.bitmask (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x2b))) (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x5c))))))
          (then (return (i32.const -3))))
        (v128.store (local.get $o) (local.get $v))
        (local.set $o (i32.add (local.get $o) (local.get $t)))
        (local.set $i (i32.add (local.get $i) (local.get $t)))
        (if (i32.and (i32.lt_u (local.get $t) (i32.const 16)) (i32.lt_u (local.get $i) (local.get $end)))
          (then ;; a `%` at $i
            (if (i32.ge_u (i32.add (local.get $i) (i32.const 2)) (local.get $end)) (then (return (i32.const -1))))
            (local.set $hi (call $hex (i32.load8_u offset=1 (local.get $i))))
            (local.set $lo (call $hex (i32.load8_u offset=2 (local.get $i))))
            (if (i32.lt_s (i32.or (local.get $hi) (local.get $lo)) (i32.const 0)) (then (return (i32.const -1))))
            (local.set $c (i32.or (i32.shl (local.get $hi) (i32.const 4)) (local.get $lo)))
            (if (i32.or (i32.eq (local.get $c) (i32.const 0x2b)) (i32.eq (local.get $c) (i32.const 0x5c))) (then (return (i32.const -3))))
            (local.set $high (i32.or (local.get $high) (i32.ge_u (local.get $c) (i32.const 0x80))))
            (local.set $percent (i32.or (local.get $percent) (i32.eq (local.get $c) (i32.const 0x25))))
            (local.set $escapes (i32.const 1))
            (i32.store8 (local.get $o) (local.get $c))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 3)))))
        (br $next)))
    (if (i32.eqz (local.get $escapes)) (then (return (i32.const -2))))
    (i32.or (i32.or (i32.sub (local.get $o) (local.get $dst)) (i32.shl (local.get $high) (i32.const 30)))
      (i32.shl (local.get $percent) (i32.const 29))))

  ;; sweep.ts's blobRuns over $n bytes at $p: runs of blob characters or `+` at least $minBlob
  ;; long, as pairs of offsets at $m; -3 when $cap entries do not hold them.
  (func $runs (export "runs") (param $p i32) (param $n i32) (param $m i32) (param $cap i32) (result i32)
    (local $i i32) (local $end i32) (local $c i32) (local $start i32) (local $count i32) (local $at i32)
    (local.set $i (local.get $p))
    (local.set $start (local.get $p))
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (local.get $i) (local.get $end)))
        (local.set $c (select (i32.load8_u (local.get $i)) (i32.const 0x80) (i32.lt_u (local.get $i) (local.get $end))))
        (if (i32.eqz (i32.and (i32.lt_u (local.get $c) (i32.const 0x80))
              (i32.or (i32.lt_u (i32.load (i32.add (global.get $tab) (i32.shl (local.get $c) (i32.const 2)))) (i32.const 0x10000))
                (i32.eq (local.get $c) (i32.const 0x2b)))))
          (then
            (if (i32.ge_u (i32.sub (local.get $i) (local.get $start)) (global.get $minBlob))
              (then
                (if (i32.gt_u (i32.add (local.get $count) (i32.const 2)) (local.get $cap)) (then (return (i32.const -3))))
                (local.set $at (i32.add (local.get $m) (i32.shl (local.get $count) (i32.const 2))))
                (i32.store (local.get $at) (i32.sub (local.get $start) (local.get $p)))
                (i32.store offset=4 (local.get $at) (i32.sub (local.get $i) (local.get $p)))
                (local.set $count (i32.add (local.get $count) (i32.const 2)))))
            (local.set $start (i32.add (local.get $i) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $count))

  ;; Whether $n bytes at $p hold one outside 0x21–0x7e or a backslash: a URL the URL parser
  ;; rewrites (prefilter.ts then also scans the rewritten one).
  (func (export "unnormal") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $end i32) (local $v v128) (local $c i32)
    (local.set $i (local.get $p))
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $tail
      (loop $block
        (br_if $tail (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (local.set $v (v128.load (local.get $i)))
        (if (v128.any_true (v128.or
              (i8x16.gt_u (i8x16.sub (local.get $v) (i8x16.splat (i32.const 0x21))) (i8x16.splat (i32.const 0x5d)))
              (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x5c)))))
          (then (return (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $block)))
    (block $done
      (loop $byte
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.or (i32.gt_u (i32.sub (local.get $c) (i32.const 0x21)) (i32.const 0x5d)) (i32.eq (local.get $c) (i32.const 0x5c)))
          (then (return (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $byte)))
    (i32.const 0))
