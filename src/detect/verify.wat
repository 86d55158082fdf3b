;; Fields of the kernel's module (see sweep.wat): running the automaton where the start filter
;; has a set bit, to tell a real pattern occurrence from a false alarm.

  ;; Transition off the dense rows (a deep state, or a byte beyond ASCII), along failure links.
  (func $slow (param $s i32) (param $a i32) (result i32)
    (local $e i32) (local $end i32)
    (if (i32.eqz (local.get $a)) (then (return (i32.const 0))))
    (loop $up
      (if (i32.and (i32.lt_u (local.get $a) (global.get $width)) (i32.lt_u (local.get $s) (global.get $dense)))
        (then (return (i32.shr_u
          (i32.load16_u (i32.add (global.get $rows)
            (i32.shl (i32.add (i32.mul (local.get $s) (global.get $width)) (local.get $a)) (i32.const 1))))
          (i32.const 1)))))
      (local.set $e (i32.load (i32.add (global.get $edgeStart) (i32.shl (local.get $s) (i32.const 2)))))
      (local.set $end (i32.load (i32.add (global.get $edgeStart) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2)))))
      (block $none
        (loop $edges
          (br_if $none (i32.ge_u (local.get $e) (local.get $end)))
          (if (i32.eq (i32.load16_u (i32.add (global.get $edgeSym) (i32.shl (local.get $e) (i32.const 1)))) (local.get $a))
            (then (return (i32.load (i32.add (global.get $edgeTo) (i32.shl (local.get $e) (i32.const 2)))))))
          (local.set $e (i32.add (local.get $e) (i32.const 1)))
          (br $edges)))
      (if (i32.eqz (local.get $s)) (then (return (i32.const 0))))
      (local.set $s (i32.load (i32.add (global.get $fail) (i32.shl (local.get $s) (i32.const 2)))))
      (br $up))
    (i32.const 0))

  ;; Whether a pattern starts at $i: the automaton from the root while it stays on the trie path
  ;; of the bytes read (a pattern ending along the way, also one starting later, is a candidate).
  (func $verify (param $i i32) (param $end i32) (result i32)
    (local $j i32) (local $s i32) (local $a i32) (local $x i32)
    (local.set $j (local.get $i))
    (loop $step
      (local.set $a (i32.and (i32.load (i32.add (global.get $tab) (i32.shl (i32.load8_u (local.get $j)) (i32.const 2))))
        (i32.const 0x7fff)))
      (if (i32.and (i32.lt_u (local.get $a) (global.get $width)) (i32.lt_u (local.get $s) (global.get $dense)))
        (then
          (local.set $x (i32.load16_u (i32.add (global.get $rows)
            (i32.shl (i32.add (i32.mul (local.get $s) (global.get $width)) (local.get $a)) (i32.const 1)))))
          (local.set $s (i32.shr_u (local.get $x) (i32.const 1)))
          (if (i32.and (local.get $x) (i32.const 1)) (then (return (i32.const 1)))))
        (else
          (local.set $s (call $slow (local.get $s) (local.get $a)))
          (if (i32.load8_u (i32.add (global.get $report) (local.get $s))) (then (return (i32.const 1))))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $step (i32.and (i32.lt_u (local.get $j) (local.get $end))
        (i32.ge_u (local.get $s)
          (i32.load (i32.add (global.get $levels) (i32.shl (i32.sub (local.get $j) (local.get $i)) (i32.const 2))))))))
    (i32.const 0))

  ;; A set bit of the filter at $k: a pattern may start there or, at stride 2, just before.
  (func $hit (param $k i32) (param $p i32) (param $end i32) (result i32)
    (if (call $verify (local.get $k) (local.get $end)) (then (return (i32.const 1))))
    (if (i32.and (i32.eq (global.get $stride) (i32.const 2)) (i32.gt_u (local.get $k) (local.get $p)))
      (then (return (call $verify (i32.sub (local.get $k) (i32.const 1)) (local.get $end)))))
    (i32.const 0))
