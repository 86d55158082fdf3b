;; Fields of the kernel's module (see sweep.wat): an escaped segment's readings made and swept in
;; one call (kernel.ts's decodeSegment), for the common case segments.wat's `plain` and `percent`
;; describe. One call instead of four or five from JS per segment: most requests have a few such
;; segments (encoded page URLs and titles), and the calls cost more than the bytes.

  ;; Whether $n bytes at $p are well-formed UTF-8, as node:buffer's isUtf8 says: no overlong
  ;; forms, no surrogates, nothing past U+10FFFF, no sequence cut.
  (func $utf8 (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $end i32) (local $c i32) (local $need i32) (local $lo i32) (local $hi i32) (local $k i32) (local $b i32)
    (local.set $i (local.get $p))
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $valid
      (loop $next
        (br_if $valid (i32.ge_u (local.get $i) (local.get $end)))
        ;; ASCII: skipped sixteen bytes at a time, up to the next byte beyond it.
        (if (i32.le_u (i32.add (local.get $i) (i32.const 16)) (local.get $end))
          (then
            (local.set $k (i8x16.bitmask (v128.load (local.get $i))))
            (if (i32.eqz (local.get $k)) (then (local.set $i (i32.add (local.get $i) (i32.const 16))) (br $next)))
            (local.set $i (i32.add (local.get $i) (i32.ctz (local.get $k))))))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.lt_u (local.get $c) (i32.const 0x80))
          (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $next)))
        (if (i32.lt_u (local.get $c) (i32.const 0xc2)) (then (return (i32.const 0))))
        (local.set $lo (i32.const 0x80))
        (local.set $hi (i32.const 0xbf))
        (if (i32.lt_u (local.get $c) (i32.const 0xe0))
          (then (local.set $need (i32.const 1)))
          (else (if (i32.lt_u (local.get $c) (i32.const 0xf0))
            (then
              (local.set $need (i32.const 2))
              (if (i32.eq (local.get $c) (i32.const 0xe0)) (then (local.set $lo (i32.const 0xa0))))
              (if (i32.eq (local.get $c) (i32.const 0xed)) (then (local.set $hi (i32.const 0x9f)))))
            (else
              (if (i32.ge_u (local.get $c) (i32.const 0xf5)) (then (return (i32.const 0))))
              (local.set $need (i32.const 3))
              (if (i32.eq (local.get $c) (i32.const 0xf0)) (then (local.set $lo (i32.const 0x90))))
              (if (i32.eq (local.get $c) (i32.const 0xf4)) (then (local.set $hi (i32.const 0x8f))))))))
        (if (i32.ge_u (i32.add (local.get $i) (local.get $need)) (local.get $end)) (then (return (i32.const 0))))
        (local.set $b (i32.load8_u offset=1 (local.get $i)))
        (if (i32.or (i32.lt_u (local.get $b) (local.get $lo)) (i32.gt_u (local.get $b) (local.get $hi))) (then (return (i32.const 0))))
        (local.set $k (i32.const 2))
        (block $tail
          (loop $more
            (br_if $tail (i32.gt_u (local.get $k) (local.get $need)))
            (if (i32.ne (i32.and (i32.load8_u (i32.add (local.get $i) (local.get $k))) (i32.const 0xc0)) (i32.const 0x80))
              (then (return (i32.const 0))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $more)))
        (local.set $i (i32.add (local.get $i) (i32.add (local.get $need) (i32.const 1))))
        (br $next)))
    (i32.const 1))

  ;; Whether segments.wat's `plain` verdict (or `percent`'s bit 30) leaves $n bytes at $p a form
  ;; of the common case: $verdict 1, or 2 and the bytes well-formed UTF-8.
  (func $common (param $verdict i32) (param $p i32) (param $n i32) (result i32)
    (i32.or (i32.eq (local.get $verdict) (i32.const 1))
      (i32.and (i32.eq (local.get $verdict) (i32.const 2)) (call $utf8 (local.get $p) (local.get $n)))))

;; The segment $start … $end percent-decoded over and over, each form written to $a and $b in
  ;; turn (room for the segment and 16 bytes each) and swept. At $m: the last form's address and
  ;; the forms swept; from $m + 8, when $wantRuns, the marks of the last form's sweep, made with
  ;; `refuse`: its blob runs a decoder may take (see below). Returns CANDIDATE (-1) or UTF16 (-2)
  ;; from a form's sweep, MARKS_FULL (-3: rerun with room), -4 when the segment is not the common
  ;; case or has $maxForms forms or more (prefilter.ts makes its string readings then), -5 when a
  ;; sweep beyond $budget would be needed, else the number of marks. The order of these checks is
  ;; that of the loop in prefilter.ts it replaced, so each outcome is the one that loop gave.
  ;;
  ;; Why the last form's sweep marks are exactly sweep.ts's blobRuns of it less the runs
  ;; `undecodable` refuses (what prefilter.ts follows of a reading's end): the last form is the
  ;; one whose decoding made no `%` (bit 29), so it holds no `%` — each `%` of the form before was
  ;; an escape, or the decoding failed — and the common case has no `+` or backslash. With no
  ;; escape in the text, the sweep marks blob runs only, cut where blobRuns cuts them (at any
  ;; byte of a class; `+`, which blobRuns keeps, is absent) from the same length on. It leaves out
  ;; runs of hex digits alone, which have no slash and which both blob decoders refuse (decode.ts's
  ;; hexOnly, lz-string.ts's isHex); with `refuse` it leaves out what `undecodable` refuses.
  ;; A form with no `%` at all cannot come before the last (its segment has one, being escaped
  ;; and neither `+` nor backslash; a later form only when a decoding made one): -4 if it did.
  (func (export "segment") (param $start i32) (param $end i32) (param $a i32) (param $b i32) (param $m i32) (param $cap i32)
    (param $maxForms i32) (param $budget i32) (param $wantRuns i32) (result i32)
    (local $form i32) (local $n i32) (local $dst i32) (local $r i32) (local $forms i32) (local $swept i32) (local $final i32)
    (local.set $form (local.get $start))
    (local.set $n (i32.sub (local.get $end) (local.get $start)))
    (i32.store offset=4 (local.get $m) (i32.const 0))
    (if (i32.eqz (call $common (call $plain (local.get $form) (local.get $n)) (local.get $form) (local.get $n)))
      (then (return (i32.const -4))))
    (local.set $dst (local.get $a))
    (local.set $forms (i32.const 1))
    (loop $next
      (local.set $r (call $percent (local.get $form) (local.get $n) (local.get $dst)))
      (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (i32.const -4))))
      (local.set $n (i32.and (local.get $r) (i32.const 0x1fffffff)))
      (if (i32.eqz (call $common (select (i32.const 2) (i32.const 1) (i32.and (local.get $r) (i32.const 0x40000000)))
            (local.get $dst) (local.get $n)))
        (then (return (i32.const -4))))
      (local.set $final (i32.eqz (i32.and (local.get $r) (i32.const 0x20000000))))
      (local.set $form (local.get $dst))
      (local.set $dst (select (local.get $b) (local.get $a) (i32.eq (local.get $dst) (local.get $a))))
      (if (i32.ge_u (local.get $forms) (local.get $maxForms)) (then (return (i32.const -4))))
      (if (i32.ge_s (local.get $swept) (local.get $budget)) (then (return (i32.const -5))))
      (local.set $swept (i32.add (local.get $swept) (i32.const 1)))
      (i32.store offset=4 (local.get $m) (local.get $swept))
      (local.set $r (call $sweep (local.get $form) (local.get $n) (i32.add (local.get $m) (i32.const 8))
        (i32.sub (local.get $cap) (i32.const 2)) (i32.and (local.get $final) (local.get $wantRuns))))
      (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (local.get $r))))
      (local.set $forms (i32.add (local.get $forms) (i32.const 1)))
      (br_if $next (i32.eqz (local.get $final))))
    (i32.store (local.get $m) (local.get $form))
    (select (local.get $r) (i32.const 0) (local.get $wantRuns)))
