;; Fields of the kernel's module (see sweep.wat): the refusal of blob runs that no decoder takes.

  ;; blob-reject.ts's undecodableRun, which this follows step by step (see the reasons there).
  (global $lzI (mut i32) (i32.const 0))
  (global $lzEnd (mut i32) (i32.const 0))
  (global $lzBuffer (mut i32) (i32.const 0))
  (global $lzCount (mut i32) (i32.const 0))
  (global $lzAlphabet (mut i32) (i32.const 0))

  (func $read (param $n i32) (result i32)
    (local $v i32)
    (block $ready
      (loop $fill
        (br_if $ready (i32.ge_u (global.get $lzCount) (local.get $n)))
        (if (i32.ge_u (global.get $lzI) (global.get $lzEnd)) (then (return (i32.const -1))))
        (local.set $v (i32.load8_s (i32.add (global.get $lzAlphabet) (i32.and (i32.load8_u (global.get $lzI)) (i32.const 0x7f)))))
        (global.set $lzI (i32.add (global.get $lzI) (i32.const 1)))
        (if (i32.lt_s (local.get $v) (i32.const 0)) (then (return (i32.const -1))))
        (global.set $lzBuffer (i32.or (global.get $lzBuffer)
          (i32.shl (i32.load8_u (i32.add (global.get $rev) (local.get $v))) (global.get $lzCount))))
        (global.set $lzCount (i32.add (global.get $lzCount) (i32.const 6)))
        (br $fill)))
    (local.set $v (i32.and (global.get $lzBuffer) (i32.sub (i32.shl (i32.const 1) (local.get $n)) (i32.const 1))))
    (global.set $lzBuffer (i32.shr_u (global.get $lzBuffer) (local.get $n)))
    (global.set $lzCount (i32.sub (global.get $lzCount) (local.get $n)))
    (local.get $v))

  ;; 1 when a literal of $width bits is read and is a character text holds.
  (func $literal (param $width i32) (result i32)
    (local $c i32)
    (local.set $c (call $read (local.get $width)))
    (if (i32.lt_s (local.get $c) (i32.const 0)) (then (return (i32.const 0))))
    (i32.or
      (i32.and (i32.and (i32.ge_u (local.get $c) (i32.const 0x20)) (i32.ne (local.get $c) (i32.const 0x7f)))
        (i32.lt_u (local.get $c) (i32.const 0xfffe)))
      (i32.or (i32.eq (local.get $c) (i32.const 9))
        (i32.or (i32.eq (local.get $c) (i32.const 10)) (i32.eq (local.get $c) (i32.const 13))))))

  ;; After the end code: whether a stretch may end within the padding (blob-reject.ts's paddedEnd).
  (func $paddedEnd (param $end i32) (result i32)
    (local $e i32)
    (if (global.get $lzBuffer) (then (return (i32.const 0))))
    (local.set $e (global.get $lzI))
    (loop $pad
      (if (i32.ge_u (local.get $e) (local.get $end)) (then (return (i32.const 1))))
      (if (i32.eq (i32.load8_u (local.get $e)) (i32.const 0x2f)) (then (return (i32.const 1))))
      (if (i32.load8_s (i32.add (global.get $lzAlphabet) (i32.and (i32.load8_u (local.get $e)) (i32.const 0x7f))))
        (then (return (i32.const 0))))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))
      (br_if $pad (i32.le_u (local.get $e) (i32.add (global.get $lzI) (i32.const 2)))))
    (i32.const 0))

  (func $lzMayEnd (param $s i32) (param $end i32) (param $alphabet i32) (result i32)
    (local $first i32) (local $size i32) (local $enlarge i32) (local $bits i32) (local $code i32)
    (global.set $lzI (local.get $s))
    (global.set $lzEnd (local.get $end))
    (global.set $lzBuffer (i32.const 0))
    (global.set $lzCount (i32.const 0))
    (global.set $lzAlphabet (local.get $alphabet))
    (local.set $first (call $read (i32.const 2)))
    (if (i32.gt_u (local.get $first) (i32.const 1)) (then (return (i32.const 0))))
    (if (i32.eqz (call $literal (select (i32.const 8) (i32.const 16) (i32.eqz (local.get $first))))) (then (return (i32.const 0))))
    (local.set $size (i32.const 4))
    (local.set $enlarge (i32.const 4))
    (local.set $bits (i32.const 3))
    (loop $codes
      (local.set $code (call $read (local.get $bits)))
      (if (i32.lt_s (local.get $code) (i32.const 0)) (then (return (i32.const 0))))
      (if (i32.eq (local.get $code) (i32.const 2)) (then (return (call $paddedEnd (local.get $end)))))
      (if (i32.le_u (local.get $code) (i32.const 1))
        (then
          (if (i32.eqz (call $literal (select (i32.const 8) (i32.const 16) (i32.eqz (local.get $code))))) (then (return (i32.const 0))))
          (local.set $code (local.get $size))
          (local.set $size (i32.add (local.get $size) (i32.const 1)))
          (local.set $enlarge (i32.sub (local.get $enlarge) (i32.const 1)))
          (if (i32.eqz (local.get $enlarge))
            (then
              (local.set $enlarge (i32.shl (i32.const 1) (local.get $bits)))
              (local.set $bits (i32.add (local.get $bits) (i32.const 1)))))))
      (if (i32.or (i32.gt_s (local.get $code) (local.get $size)) (i32.lt_s (local.get $code) (i32.const 3))) (then (return (i32.const 0))))
      (local.set $size (i32.add (local.get $size) (i32.const 1)))
      (local.set $enlarge (i32.sub (local.get $enlarge) (i32.const 1)))
      (if (i32.eqz (local.get $enlarge))
        (then
          (local.set $enlarge (i32.shl (i32.const 1) (local.get $bits)))
          (local.set $bits (i32.add (local.get $bits) (i32.const 1)))))
      (br $codes))
    (i32.const 0))

  ;; Whether the 16 characters at $s may open base64 text.
  (func $base64MayStart (param $s i32) (result i32)
    (local $q i32) (local $k i32) (local $d i32) (local $n i32) (local $shift i32) (local $x i32)
    (local $bad i32) (local $pending i32)
    (local.set $q (local.get $s))
    (loop $group
      (local.set $n (i32.const 0))
      (local.set $k (i32.const 0))
      (loop $digit
        (local.set $d (i32.load8_s (i32.add (global.get $b64)
          (i32.and (i32.load8_u (i32.add (local.get $q) (local.get $k))) (i32.const 0x7f)))))
        (if (i32.lt_s (local.get $d) (i32.const 0)) (then (return (i32.const 0))))
        (local.set $n (i32.or (i32.shl (local.get $n) (i32.const 6)) (local.get $d)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $digit (i32.lt_u (local.get $k) (i32.const 4))))
      (local.set $shift (i32.const 16))
      (loop $byte
        (local.set $x (i32.and (i32.shr_u (local.get $n) (local.get $shift)) (i32.const 0xff)))
        (if (i32.gt_s (local.get $pending) (i32.const 0))
          (then
            (if (i32.ne (i32.and (local.get $x) (i32.const 0xc0)) (i32.const 0x80)) (then (return (i32.const 0))))
            (local.set $pending (i32.sub (local.get $pending) (i32.const 1))))
          (else (if (i32.ge_u (local.get $x) (i32.const 0x80))
            (then
              (if (i32.and (i32.ge_u (local.get $x) (i32.const 0xc2)) (i32.le_u (local.get $x) (i32.const 0xdf)))
                (then (local.set $pending (i32.const 1)))
                (else (if (i32.and (i32.ge_u (local.get $x) (i32.const 0xe0)) (i32.le_u (local.get $x) (i32.const 0xef)))
                  (then (local.set $pending (i32.const 2)))
                  (else (if (i32.and (i32.ge_u (local.get $x) (i32.const 0xf0)) (i32.le_u (local.get $x) (i32.const 0xf4)))
                    (then (local.set $pending (i32.const 3)))
                    (else (return (i32.const 0)))))))))
            (else
              (if (i32.or
                    (i32.and (i32.lt_u (local.get $x) (i32.const 0x20))
                      (i32.and (i32.ne (local.get $x) (i32.const 9)) (i32.and (i32.ne (local.get $x) (i32.const 10)) (i32.ne (local.get $x) (i32.const 13)))))
                    (i32.eq (local.get $x) (i32.const 0x7f)))
                (then
                  (local.set $bad (i32.add (local.get $bad) (i32.const 1)))
                  (if (i32.gt_u (local.get $bad) (i32.const 1)) (then (return (i32.const 0))))))))))
        (local.set $shift (i32.sub (local.get $shift) (i32.const 8)))
        (br_if $byte (i32.ge_s (local.get $shift) (i32.const 0))))
      (local.set $q (i32.add (local.get $q) (i32.const 4)))
      (br_if $group (i32.lt_u (local.get $q) (i32.add (local.get $s) (i32.const 16)))))
    (i32.const 1))

  ;; 1 when no decoder of prefilter.ts's blob step takes the run $start … $end or a stretch of
  ;; it between slashes; 0 when one may (or past 30 slashes, which prefilter.ts gives up on).
  (func $undecodable (export "undecodable") (param $start i32) (param $end i32) (result i32)
    (local $s i32) (local $slashes i32)
    (local.set $s (local.get $start))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $s) (local.get $end)))
        (block $skip
          (if (i32.gt_u (local.get $s) (local.get $start))
            (then
              (br_if $skip (i32.ne (i32.load8_u (i32.sub (local.get $s) (i32.const 1))) (i32.const 0x2f)))
              (local.set $slashes (i32.add (local.get $slashes) (i32.const 1)))
              (if (i32.gt_u (local.get $slashes) (i32.const 30)) (then (return (i32.const 0))))))
          (br_if $skip (i32.lt_u (i32.sub (local.get $end) (local.get $s)) (global.get $minBlob)))
          (if (i32.ge_u (i32.sub (local.get $end) (local.get $s)) (i32.const 16))
            (then (if (call $base64MayStart (local.get $s)) (then (return (i32.const 0))))))
          (if (call $lzMayEnd (local.get $s) (local.get $end) (global.get $lzb64)) (then (return (i32.const 0))))
          (if (call $lzMayEnd (local.get $s) (local.get $end) (global.get $lzuri)) (then (return (i32.const 0)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $next)))
    (i32.const 1))
