;; Fields of the kernel's module (see sweep.wat): the refusal of blob runs that no decoder takes.

;; blob-reject.ts's undecodableRun, which this follows step by step (see the reasons there).

  ;; Whether an LZ-string stream in $alphabet from $s to $end reads an end code, padded, before
  ;; it fails (blob-reject.ts's lzMayEnd): 1 if it does; else 0, or 2 when a character it looked
  ;; at has another value in $other (the second alphabet) — only then can the stream in $other
  ;; go another way, so only then does `undecodable` try it. One loop with its bit reader in
  ;; locals: each turn reads $need bits and takes them as what $state says comes next — 0 the
  ;; opening 2-bit code (0 or 1), 1 the literal after it, 2 a code, 3 a literal after a code.
  ;; Most runs are words and random tokens, and this is where their refusal spends its time.
  (func $lzMayEnd (param $s i32) (param $end i32) (param $alphabet i32) (param $other i32) (result i32)
    (local $i i32) (local $buffer i32) (local $count i32) (local $need i32) (local $state i32) (local $v i32)
    (local $size i32) (local $enlarge i32) (local $bits i32) (local $e i32) (local $c i32) (local $differ i32)
    (local.set $i (local.get $s))
    (local.set $need (i32.const 2))
    (local.set $size (i32.const 4))
    (local.set $enlarge (i32.const 4))
    (local.set $bits (i32.const 3))
    (loop $turn
      ;; The next $need bits, six to a character (bit-reversed): none at the end or a foreign character.
      (block $ready
        (loop $fill
          (br_if $ready (i32.ge_u (local.get $count) (local.get $need)))
          (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (local.get $differ))))
          (local.set $c (i32.and (i32.load8_u (local.get $i)) (i32.const 0x7f)))
          (local.set $v (i32.load8_s (i32.add (local.get $alphabet) (local.get $c))))
          (local.set $differ (i32.or (local.get $differ)
            (i32.shl (i32.ne (local.get $v) (i32.load8_s (i32.add (local.get $other) (local.get $c)))) (i32.const 1))))
          (if (i32.lt_s (local.get $v) (i32.const 0)) (then (return (local.get $differ))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $buffer (i32.or (local.get $buffer)
            (i32.shl (i32.load8_u (i32.add (global.get $rev) (local.get $v))) (local.get $count))))
          (local.set $count (i32.add (local.get $count) (i32.const 6)))
          (br $fill)))
      (local.set $v (i32.and (local.get $buffer) (i32.sub (i32.shl (i32.const 1) (local.get $need)) (i32.const 1))))
      (local.set $buffer (i32.shr_u (local.get $buffer) (local.get $need)))
      (local.set $count (i32.sub (local.get $count) (local.get $need)))
      (if (i32.and (local.get $state) (i32.const 1))
        (then ;; a literal: a character text holds
          (if (i32.eqz (i32.or
                (i32.and (i32.and (i32.ge_u (local.get $v) (i32.const 0x20)) (i32.ne (local.get $v) (i32.const 0x7f)))
                  (i32.lt_u (local.get $v) (i32.const 0xfffe)))
                (i32.or (i32.eq (local.get $v) (i32.const 9))
                  (i32.or (i32.eq (local.get $v) (i32.const 10)) (i32.eq (local.get $v) (i32.const 13))))))
            (then (return (local.get $differ))))
          ;; After a code's literal: the entry it makes and the code that refers to it (which always fits).
          (if (i32.eq (local.get $state) (i32.const 3))
            (then
              (local.set $size (i32.add (local.get $size) (i32.const 2)))
              (local.set $enlarge (i32.sub (local.get $enlarge) (i32.const 1)))
              (if (i32.eqz (local.get $enlarge))
                (then
                  (local.set $enlarge (i32.shl (i32.const 1) (local.get $bits)))
                  (local.set $bits (i32.add (local.get $bits) (i32.const 1)))))
              (local.set $enlarge (i32.sub (local.get $enlarge) (i32.const 1)))
              (if (i32.eqz (local.get $enlarge))
                (then
                  (local.set $enlarge (i32.shl (i32.const 1) (local.get $bits)))
                  (local.set $bits (i32.add (local.get $bits) (i32.const 1)))))))
          (local.set $state (i32.const 2))
          (local.set $need (local.get $bits))
          (br $turn)))
      (if (i32.eqz (local.get $state))
        (then ;; the opening: 0 or 1, a literal of 8 or 16 bits
          (if (i32.gt_u (local.get $v) (i32.const 1)) (then (return (local.get $differ))))
          (local.set $state (i32.const 1))
          (local.set $need (select (i32.const 8) (i32.const 16) (i32.eqz (local.get $v))))
          (br $turn)))
      ;; A code: 0 or 1 a literal, 2 the end, else an entry made before.
      (if (i32.le_u (local.get $v) (i32.const 1))
        (then
          (local.set $state (i32.const 3))
          (local.set $need (select (i32.const 8) (i32.const 16) (i32.eqz (local.get $v))))
          (br $turn)))
      (if (i32.eq (local.get $v) (i32.const 2))
        (then ;; the end: the rest of the symbol zero, then a stretch's end within two zero symbols
          (if (local.get $buffer) (then (return (local.get $differ))))
          (local.set $e (local.get $i))
          (loop $pad
            (if (i32.ge_u (local.get $e) (local.get $end)) (then (return (i32.const 1))))
            (if (i32.eq (i32.load8_u (local.get $e)) (i32.const 0x2f)) (then (return (i32.const 1))))
            (local.set $c (i32.and (i32.load8_u (local.get $e)) (i32.const 0x7f)))
            (local.set $differ (i32.or (local.get $differ)
              (i32.shl (i32.ne (i32.load8_s (i32.add (local.get $alphabet) (local.get $c))) (i32.load8_s (i32.add (local.get $other) (local.get $c))))
                (i32.const 1))))
            (if (i32.load8_s (i32.add (local.get $alphabet) (local.get $c))) (then (return (local.get $differ))))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br_if $pad (i32.le_u (local.get $e) (i32.add (local.get $i) (i32.const 2)))))
          (return (local.get $differ))))
      (if (i32.gt_u (local.get $v) (local.get $size)) (then (return (local.get $differ))))
      (local.set $size (i32.add (local.get $size) (i32.const 1)))
      (local.set $enlarge (i32.sub (local.get $enlarge) (i32.const 1)))
      (if (i32.eqz (local.get $enlarge))
        (then
          (local.set $enlarge (i32.shl (i32.const 1) (local.get $bits)))
          (local.set $bits (i32.add (local.get $bits) (i32.const 1)))))
      (local.set $need (local.get $bits))
      (br $turn))
    (local.get $differ))

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
    (local $s i32) (local $slashes i32) (local $lz i32)
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
          (local.set $lz (call $lzMayEnd (local.get $s) (local.get $end) (global.get $lzb64) (global.get $lzuri)))
          (if (i32.and (local.get $lz) (i32.const 1)) (then (return (i32.const 0))))
          (if (local.get $lz)
            (then (if (i32.and (call $lzMayEnd (local.get $s) (local.get $end) (global.get $lzuri) (global.get $lzb64)) (i32.const 1))
              (then (return (i32.const 0)))))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $next)))
    (i32.const 1))
