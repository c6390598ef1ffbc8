;; The Hill saturation y = 1/(1 + (k/u)^a) and its derivatives over a block of rows, two rows
;; per 128-bit SIMD lane pair (f64x2), for the geo model's hot path (`_hill_simd.ts`). Per row:
;;   y = 1/(1 + e^{-a·l}),  l = ln u − ln k,  w = y(1 − y)
;;   slope = a·w/u,  dk = −(a/k)·w,  ds = w·l        (all 0 where u ≤ 0 or a·l ≤ −700)
;; ln and exp are computed here, not called: ln u = e·ln2 + ln m with m ∈ [√½, √2) and
;; ln m = 2f + f·R(f²), f = (m − 1)/(m + 1) (|f| ≤ 0.172), R the degree-7 minimax polynomial of
;; Sun's fdlibm e_log.c (Lg1…Lg7, error < 2⁻⁵⁸·⁴⁵); e^z = 2^n·e^r with n = round(z/ln2),
;; |r| ≤ ln2/2 and e^r = (2 + 2r − c)/(2 − c), c = r − r²·P(r²), P the degree-5 Remez
;; polynomial of fdlibm e_exp.c (P1…P5, error < 2⁻⁵⁹), so y = 1/(1 + 2^n·e^r) takes one
;; division; ln2 split into a high part exact in products with n and a low part (e_log.c /
;; e_exp.c). Where z = −a·l ≥ 700, y (< 1e-304) and
;; its derivatives are written as 0; below −700, y is 1 to double precision.
;;
;; `tasks/build_wasm.ts` repeats the block between BEGIN ROWS and END ROWS for several row
;; pairs per loop iteration (the rows are independent; interleaving them hides the latency of
;; the polynomial chains), renaming its locals and offsetting its addresses, assembles the module
;; and writes it into `_hill_simd_wasm.ts`. The caller pads every buffer to a whole number of
;; iterations.
(module
  (memory (export "memory") 1)
  ;; hill(u, y, slope, dk, ds: byte addresses; rows: a multiple of the rows per iteration;
  ;;      lk = ln k, shape = a, ak = −a/k, want: 1 = write dk, 2 = write ds)
  (func (export "hill")
    (param $u i32) (param $y i32) (param $sl i32) (param $dk i32) (param $ds i32)
    (param $rows i32) (param $lk f64) (param $shape f64) (param $ak f64) (param $want i32)
    (local $off i32) (local $end i32)
    (local $vlk v128) (local $vshape v128) (local $nshape v128) (local $vak v128)
    ;; LOCALS
    (local $v v128) (local $pos v128) (local $e v128) (local $m v128) (local $big v128)
    (local $f v128) (local $s v128) (local $p v128) (local $l v128) (local $z v128)
    (local $k v128) (local $r v128) (local $yt v128) (local $w v128)
    (local $t v128) (local $c v128) (local $den v128)
    ;; END LOCALS
    (local.set $vlk (f64x2.splat (local.get $lk)))
    (local.set $vshape (f64x2.splat (local.get $shape)))
    (local.set $nshape (f64x2.neg (local.get $vshape)))
    (local.set $vak (f64x2.splat (local.get $ak)))
    (local.set $end (i32.shl (local.get $rows) (i32.const 3)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $off) (local.get $end)))
        ;; BEGIN ROWS
        (local.set $v (v128.load (i32.add (local.get $u) (local.get $off))))
        (local.set $pos (f64x2.gt (local.get $v) (v128.const f64x2 0 0)))
        ;; u = m·2^e, m ∈ [1, 2), then halved with e + 1 where m > √2
        (local.set $e (i64x2.sub (i64x2.shr_u (local.get $v) (i32.const 52))
          (v128.const i64x2 1023 1023)))
        (local.set $m (v128.or
          (v128.and (local.get $v) (v128.const i64x2 0x000FFFFFFFFFFFFF 0x000FFFFFFFFFFFFF))
          (v128.const i64x2 0x3FF0000000000000 0x3FF0000000000000)))
        (local.set $big (f64x2.gt (local.get $m)
          (v128.const f64x2 1.4142135623730951 1.4142135623730951)))
        (local.set $m (v128.bitselect (f64x2.mul (local.get $m) (v128.const f64x2 0.5 0.5))
          (local.get $m) (local.get $big)))
        (local.set $e (i64x2.sub (local.get $e) (local.get $big)))
        ;; e as a double: the bits of 1.5·2⁵² plus e, minus 1.5·2⁵²
        (local.set $e (f64x2.sub
          (i64x2.add (local.get $e) (v128.const i64x2 0x4338000000000000 0x4338000000000000))
          (v128.const f64x2 6755399441055744.0 6755399441055744.0)))
        (local.set $f (f64x2.div (f64x2.sub (local.get $m) (v128.const f64x2 1 1))
          (f64x2.add (local.get $m) (v128.const f64x2 1 1))))
        (local.set $s (f64x2.mul (local.get $f) (local.get $f)))
        (local.set $p (v128.const f64x2 1.479819860511658591e-01 1.479819860511658591e-01))
        (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $s))
          (v128.const f64x2 1.531383769920937332e-01 1.531383769920937332e-01)))
        (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $s))
          (v128.const f64x2 1.818357216161805012e-01 1.818357216161805012e-01)))
        (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $s))
          (v128.const f64x2 2.222219843214978396e-01 2.222219843214978396e-01)))
        (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $s))
          (v128.const f64x2 2.857142874366239149e-01 2.857142874366239149e-01)))
        (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $s))
          (v128.const f64x2 3.999999999940941908e-01 3.999999999940941908e-01)))
        (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $s))
          (v128.const f64x2 6.666666666666735130e-01 6.666666666666735130e-01)))
        ;; l = e·ln2_hi + (2f + f·s·p + e·ln2_lo) − ln k
        (local.set $l (f64x2.sub
          (f64x2.add
            (f64x2.mul (local.get $e)
              (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01))
            (f64x2.add (f64x2.add (local.get $f) (local.get $f))
              (f64x2.add (f64x2.mul (f64x2.mul (local.get $f) (local.get $s)) (local.get $p))
                (f64x2.mul (local.get $e)
                  (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10)))))
          (local.get $vlk)))
        ;; z = −a·l; y is 0 where z ≥ 700 (below e^−700 ≈ 1e-304) and z is clamped to
        ;; [−700, 700]; n = round(z/ln2); r = z − n·ln2
        (local.set $z (f64x2.mul (local.get $nshape) (local.get $l)))
        (local.set $pos (v128.and (local.get $pos)
          (f64x2.lt (local.get $z) (v128.const f64x2 700 700))))
        (local.set $z (f64x2.min (f64x2.max (local.get $z) (v128.const f64x2 -700 -700))
          (v128.const f64x2 700 700)))
        (local.set $k (f64x2.nearest (f64x2.mul (local.get $z)
          (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
        (local.set $r (f64x2.sub
          (f64x2.sub (local.get $z) (f64x2.mul (local.get $k)
            (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01)))
          (f64x2.mul (local.get $k)
            (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10))))
        ;; e^r = (2 + 2r − c)/(2 − c), c = r − r²·P(r²)
        (local.set $t (f64x2.mul (local.get $r) (local.get $r)))
        (local.set $p (v128.const f64x2 4.13813679705723846039e-08 4.13813679705723846039e-08))
        (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $t))
          (v128.const f64x2 -1.65339022054652515390e-06 -1.65339022054652515390e-06)))
        (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $t))
          (v128.const f64x2 6.61375632143793436117e-05 6.61375632143793436117e-05)))
        (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $t))
          (v128.const f64x2 -2.77777777770155933842e-03 -2.77777777770155933842e-03)))
        (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $t))
          (v128.const f64x2 1.66666666666666019037e-01 1.66666666666666019037e-01)))
        (local.set $c (f64x2.sub (local.get $r) (f64x2.mul (local.get $t) (local.get $p))))
        (local.set $den (f64x2.sub (v128.const f64x2 2 2) (local.get $c)))
        ;; num = 2 + 2r − c
        (local.set $p (f64x2.add (local.get $den) (f64x2.add (local.get $r) (local.get $r))))
        ;; 2^n: the low 12 bits of (bits of n + 1.5·2⁵²) + 1023, shifted into the exponent
        (local.set $k (i64x2.shl
          (i64x2.add
            (f64x2.add (local.get $k) (v128.const f64x2 6755399441055744.0 6755399441055744.0))
            (v128.const i64x2 1023 1023))
          (i32.const 52)))
        ;; with P = 2^n·e^r = 2^n·num/den: y = 1/(1 + P) = den/(den + 2^n·num) and
        ;; 1 − y = 2^n·num/(den + 2^n·num), each without cancellation; w = y(1 − y)
        (local.set $p (f64x2.mul (local.get $p) (local.get $k)))
        (local.set $c (f64x2.div (v128.const f64x2 1 1) (f64x2.add (local.get $den) (local.get $p))))
        (local.set $yt (f64x2.mul (local.get $den) (local.get $c)))
        (local.set $w (f64x2.mul (local.get $yt) (f64x2.mul (local.get $p) (local.get $c))))
        (v128.store (i32.add (local.get $y) (local.get $off))
          (v128.and (local.get $yt) (local.get $pos)))
        (v128.store (i32.add (local.get $sl) (local.get $off))
          (v128.and (f64x2.div (f64x2.mul (local.get $vshape) (local.get $w)) (local.get $v))
            (local.get $pos)))
        (if (i32.and (local.get $want) (i32.const 1))
          (then (v128.store (i32.add (local.get $dk) (local.get $off))
            (v128.and (f64x2.mul (local.get $vak) (local.get $w)) (local.get $pos)))))
        (if (i32.and (local.get $want) (i32.const 2))
          (then (v128.store (i32.add (local.get $ds) (local.get $off))
            (v128.and (f64x2.mul (local.get $w) (local.get $l)) (local.get $pos)))))
        ;; END ROWS
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $next)))))
