;; Fields of the kernel's module (see sweep.wat): what `sweep` calls for the rarer bytes — the
;; compressToUTF16 signal of a lead byte, and writing a mark.

  ;; Whether the lead byte 0xE2 at $i opens U+2000–U+214F (dashes, quotes, €, letterlike
  ;; symbols), which does not count toward the compressToUTF16 signal. Cut sequences count.
  (func $quietE2 (param $i i32) (param $end i32) (result i32)
    (local $b i32)
    (if (i32.ge_u (i32.add (local.get $i) (i32.const 2)) (local.get $end)) (then (return (i32.const 0))))
    (local.set $b (i32.load8_u offset=1 (local.get $i)))
    (if (i32.and (i32.ge_u (local.get $b) (i32.const 0x80)) (i32.le_u (local.get $b) (i32.const 0x84)))
      (then (return (i32.const 1))))
    (i32.and (i32.eq (local.get $b) (i32.const 0x85)) (i32.lt_u (i32.load8_u offset=2 (local.get $i)) (i32.const 0x90))))

  ;; Whether the lead byte 0xE8 at $i opens U+8000–U+801F, the last code units compressToUTF16
  ;; writes (U+8020 and beyond are no signal). Cut sequences count.
  (func $lowE8 (param $i i32) (param $end i32) (result i32)
    (if (i32.ge_u (i32.add (local.get $i) (i32.const 2)) (local.get $end)) (then (return (i32.const 1))))
    (i32.and (i32.eq (i32.load8_u offset=1 (local.get $i)) (i32.const 0x80)) (i32.lt_u (i32.load8_u offset=2 (local.get $i)) (i32.const 0xa0))))

  ;; Whether `sweep` drops the blob runs `undecodable` refuses (its last argument; see there).
  (global $refuse (mut i32) (i32.const 0))

  ;; Stores the mark pair $a, $b at entry $count of $m; the new count of marks.
  (func $store (param $m i32) (param $count i32) (param $a i32) (param $b i32) (result i32)
    (local $at i32)
    (local.set $at (i32.add (local.get $m) (i32.shl (local.get $count) (i32.const 2))))
    (i32.store (local.get $at) (local.get $a))
    (i32.store offset=4 (local.get $at) (local.get $b))
    (i32.add (local.get $count) (i32.const 2)))

  ;; Marks the blob run $run … $j (offsets from $p) unless it is all hex digits (an id or digest,
  ;; which neither blob decoder takes: sweep.ts) or refused; the new count of marks. Whether
  ;; it holds another character is asked here, of the few runs long enough, not kept up per block.
  (func $runMark (param $m i32) (param $count i32) (param $p i32) (param $run i32) (param $j i32) (result i32)
    (local $k i32)
    (local.set $k (local.get $run))
    (block $found
      (loop $scan
        (if (i32.ge_u (local.get $k) (local.get $j)) (then (return (local.get $count))))
        (br_if $found (i32.and (i32.load (i32.add (global.get $tab) (i32.shl (i32.load8_u (local.get $k)) (i32.const 2)))) (i32.const 0x8000)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $scan)))
    (if (global.get $refuse) (then (if (call $undecodable (local.get $run) (local.get $j)) (then (return (local.get $count))))))
    (call $store (local.get $m) (local.get $count) (i32.sub (local.get $run) (local.get $p)) (i32.sub (local.get $j) (local.get $p))))

  ;; Marks the escaped segment $segment … $j (its start stored as -start - 1); the new count.
  (func $segmentMark (param $m i32) (param $count i32) (param $p i32) (param $segment i32) (param $j i32) (result i32)
    (call $store (local.get $m) (local.get $count) (i32.sub (i32.const -1) (i32.sub (local.get $segment) (local.get $p)))
      (i32.sub (local.get $j) (local.get $p))))

  ;; Where the segment of the escape at $j starts: after the last delimiter from $from on.
  (func $segmentStart (param $j i32) (param $from i32) (result i32)
    (block $none
      (loop $back
        (local.set $j (i32.sub (local.get $j) (i32.const 1)))
        (br_if $none (i32.lt_s (local.get $j) (local.get $from)))
        (br_if $back (i32.ne (i32.shr_u (i32.load (i32.add (global.get $tab) (i32.shl (i32.load8_u (local.get $j)) (i32.const 2)))) (i32.const 16))
          (i32.const 1)))
        (return (i32.add (local.get $j) (i32.const 1)))))
    (local.get $from))
