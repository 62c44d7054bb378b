//! Conversions that may run user code (7.1), operators (13.5-13.12), and error creation.

use oxc_syntax::operator::BinaryOperator;

use crate::conversions::{number_to_string, string_less_than, string_to_number, to_int32, to_uint32};
use crate::heap::{Object, ObjectKind, Property};
use crate::value::{Abrupt, JsResult, Name, PropertyKey, Value};
use crate::vm::Vm;

/// Longest string a program may build before the run counts as out of memory.
pub const MAX_STRING_LENGTH: usize = 1 << 24;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    String,
    Number,
    /// No preference (`+`, `==`): OrdinaryToPrimitive treats it like Number.
    Default,
}

impl Vm {
    /// Creates a new error object of the named intrinsic constructor and returns it as a throw.
    pub fn error(&mut self, constructor: &str, message: &str) -> Abrupt {
        let proto = self.realm.error_prototype(constructor);
        let e = self.alloc(Object::new(Some(proto), ObjectKind::Error));
        self.heap.obj_mut(e).props.insert("message".into(), Property::hidden(Value::str(message)));
        Abrupt::Throw(Value::Object(e))
    }

    pub fn type_error(&mut self, message: &str) -> Abrupt {
        self.error("TypeError", message)
    }

    /// 7.2.1 RequireObjectCoercible.
    pub fn require_object_coercible(&mut self, v: &Value) -> JsResult<()> {
        if v.is_nullish() {
            return Err(self.type_error("cannot convert undefined or null to object"));
        }
        Ok(())
    }

    /// 7.1.2 ToBoolean.
    pub fn to_boolean(&self, v: &Value) -> bool {
        match v {
            Value::Undefined | Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => !(*n == 0.0 || n.is_nan()),
            Value::String(s) => !s.is_empty(),
            Value::Symbol(_) | Value::Object(_) => true,
        }
    }

    /// 7.1.1 ToPrimitive and 7.1.1.1 OrdinaryToPrimitive.
    pub fn to_primitive(&mut self, v: &Value, hint: Hint) -> JsResult<Value> {
        let Value::Object(o) = v else { return Ok(v.clone()) };
        let key = self.realm.well_known.to_primitive;
        let exotic = self.get_method(v, &key)?;
        if let Some(f) = exotic {
            let hint = Value::str(match hint {
                Hint::String => "string",
                Hint::Number => "number",
                Hint::Default => "default",
            });
            let r = self.call(&f, v.clone(), vec![hint])?;
            if matches!(r, Value::Object(_)) {
                return Err(self.type_error("Symbol.toPrimitive returned an object"));
            }
            return Ok(r);
        }
        let order = if hint == Hint::String { ["toString", "valueOf"] } else { ["valueOf", "toString"] };
        for method in order {
            let f = self.get(*o, method)?;
            if f.as_object().is_some_and(|f| self.is_callable(f)) {
                let r = self.call(&f, v.clone(), Vec::new())?;
                if !matches!(r, Value::Object(_)) {
                    return Ok(r);
                }
            }
        }
        Err(self.type_error("cannot convert object to primitive value"))
    }

    /// 7.1.4 ToNumber.
    pub fn to_number(&mut self, v: &Value) -> JsResult<f64> {
        Ok(match v {
            Value::Undefined => f64::NAN,
            Value::Null => 0.0,
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::Number(n) => *n,
            Value::String(s) => string_to_number(s),
            Value::Symbol(_) => return Err(self.type_error("cannot convert a Symbol value to a number")),
            Value::Object(_) => {
                let p = self.to_primitive(v, Hint::Number)?;
                return self.to_number(&p);
            }
        })
    }

    /// 7.1.17 ToString.
    pub fn to_string(&mut self, v: &Value) -> JsResult<Name> {
        Ok(match v {
            Value::Undefined => "undefined".into(),
            Value::Null => "null".into(),
            Value::Bool(b) => (if *b { "true" } else { "false" }).into(),
            Value::Number(n) => number_to_string(*n).into(),
            Value::String(s) => s.clone(),
            Value::Symbol(_) => return Err(self.type_error("cannot convert a Symbol value to a string")),
            Value::Object(_) => {
                let p = self.to_primitive(v, Hint::String)?;
                return self.to_string(&p);
            }
        })
    }

    /// 7.1.19 ToPropertyKey.
    pub fn to_property_key(&mut self, v: &Value) -> JsResult<PropertyKey> {
        let p = self.to_primitive(v, Hint::String)?;
        if let Value::Symbol(s) = p {
            return Ok(PropertyKey::Symbol(s));
        }
        Ok(PropertyKey::String(self.to_string(&p)?))
    }

    /// 7.3.10 GetMethod: `None` for undefined or null.
    pub fn get_method(&mut self, v: &Value, key: &(impl crate::value::AsKey + ?Sized)) -> JsResult<Option<Value>> {
        let f = self.get_value_property(v, key)?;
        if f.is_nullish() {
            return Ok(None);
        }
        if !f.as_object().is_some_and(|o| self.is_callable(o)) {
            return Err(self.type_error("method is not a function"));
        }
        Ok(Some(f))
    }

    /// 13.5.3 The `typeof` operator.
    pub fn type_of(&self, v: &Value) -> &'static str {
        match v {
            Value::Undefined => "undefined",
            Value::Null => "object",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Symbol(_) => "symbol",
            Value::Object(o) if self.is_callable(*o) => "function",
            Value::Object(_) => "object",
        }
    }

    /// Concatenates two strings, refusing to build absurdly long ones.
    pub fn concat(&mut self, a: &str, b: &str) -> JsResult<Value> {
        if a.len() + b.len() > MAX_STRING_LENGTH {
            return Err(Abrupt::Exhausted(crate::api::Resource::Memory));
        }
        let mut s = String::with_capacity(a.len() + b.len());
        s.push_str(a);
        s.push_str(b);
        Ok(Value::String(s.into()))
    }

    /// 13.15.3 ApplyStringOrNumericBinaryOperator and the relational and equality operators.
    pub fn binary_operation(&mut self, op: BinaryOperator, l: Value, r: Value) -> JsResult<Value> {
        use BinaryOperator as B;
        Ok(match op {
            B::Addition => {
                let lp = self.to_primitive(&l, Hint::Default)?;
                let rp = self.to_primitive(&r, Hint::Default)?;
                if matches!(lp, Value::String(_)) || matches!(rp, Value::String(_)) {
                    let ls = self.to_string(&lp)?;
                    let rs = self.to_string(&rp)?;
                    return self.concat(&ls, &rs);
                }
                Value::Number(self.to_number(&lp)? + self.to_number(&rp)?)
            }
            B::Subtraction
            | B::Multiplication
            | B::Division
            | B::Remainder
            | B::Exponential
            | B::ShiftLeft
            | B::ShiftRight
            | B::ShiftRightZeroFill
            | B::BitwiseAnd
            | B::BitwiseOR
            | B::BitwiseXOR => {
                let a = self.to_number(&l)?;
                let b = self.to_number(&r)?;
                Value::Number(numeric_operation(op, a, b)?)
            }
            B::StrictEquality => Value::Bool(strict_equals(&l, &r)),
            B::StrictInequality => Value::Bool(!strict_equals(&l, &r)),
            B::Equality => Value::Bool(self.loose_equals(&l, &r)?),
            B::Inequality => Value::Bool(!self.loose_equals(&l, &r)?),
            B::LessThan => Value::Bool(self.less_than(&l, &r, true)? == Some(true)),
            B::GreaterThan => Value::Bool(self.less_than(&r, &l, false)? == Some(true)),
            B::LessEqualThan => Value::Bool(self.less_than(&r, &l, false)? == Some(false)),
            B::GreaterEqualThan => Value::Bool(self.less_than(&l, &r, true)? == Some(false)),
            B::In => {
                let Value::Object(o) = r else {
                    return Err(self.type_error("cannot use 'in' operator on a non-object"));
                };
                let key = self.to_property_key(&l)?;
                Value::Bool(self.has_property(o, &key)?)
            }
            B::Instanceof => Value::Bool(self.instance_of(&l, &r)?),
        })
    }

    /// 7.2.13 IsLessThan; `None` stands for undefined (a NaN was involved). `left_first` keeps the
    /// spec's order of ToPrimitive calls.
    fn less_than(&mut self, x: &Value, y: &Value, left_first: bool) -> JsResult<Option<bool>> {
        let (px, py) = if left_first {
            let px = self.to_primitive(x, Hint::Number)?;
            (px, self.to_primitive(y, Hint::Number)?)
        } else {
            let py = self.to_primitive(y, Hint::Number)?;
            (self.to_primitive(x, Hint::Number)?, py)
        };
        if let (Value::String(a), Value::String(b)) = (&px, &py) {
            return Ok(Some(string_less_than(a, b)));
        }
        let a = self.to_number(&px)?;
        let b = self.to_number(&py)?;
        if a.is_nan() || b.is_nan() {
            return Ok(None);
        }
        Ok(Some(a < b))
    }

    /// 7.2.14 IsLooselyEqual.
    pub fn loose_equals(&mut self, x: &Value, y: &Value) -> JsResult<bool> {
        use Value as V;
        Ok(match (x, y) {
            (V::Undefined | V::Null, V::Undefined | V::Null) => true,
            (V::Undefined | V::Null, _) | (_, V::Undefined | V::Null) => false,
            (V::Number(_), V::Number(_))
            | (V::String(_), V::String(_))
            | (V::Bool(_), V::Bool(_))
            | (V::Symbol(_), V::Symbol(_))
            | (V::Object(_), V::Object(_)) => strict_equals(x, y),
            (V::Number(a), V::String(s)) => *a == string_to_number(s),
            (V::String(s), V::Number(b)) => string_to_number(s) == *b,
            (V::Bool(b), _) => {
                let n = V::Number(f64::from(u8::from(*b)));
                return self.loose_equals(&n, y);
            }
            (_, V::Bool(b)) => {
                let n = V::Number(f64::from(u8::from(*b)));
                return self.loose_equals(x, &n);
            }
            (V::Object(_), _) => {
                let p = self.to_primitive(x, Hint::Default)?;
                return self.loose_equals(&p, y);
            }
            (_, V::Object(_)) => {
                let p = self.to_primitive(y, Hint::Default)?;
                return self.loose_equals(x, &p);
            }
            // A symbol against a number or a string.
            (V::Symbol(_), _) | (_, V::Symbol(_)) => false,
        })
    }

    /// Names of standard globals this interpreter does not provide: reading one refuses the program
    /// instead of reporting a ReferenceError no engine would give.
    pub fn refuse_missing_global(&self, n: &str) -> JsResult<()> {
        crate::builtins::refuse_unimplemented("global", n)
    }
}

/// 7.2.15 IsStrictlyEqual.
pub fn strict_equals(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Number(a), Value::Number(b)) => a == b,
        _ => x == y,
    }
}

/// 6.1.6.1 Number operations for the numeric binary operators.
fn numeric_operation(op: BinaryOperator, a: f64, b: f64) -> JsResult<f64> {
    use BinaryOperator as B;
    if op == B::Exponential {
        return exponentiate(a, b);
    }
    Ok(match op {
        B::Subtraction => a - b,
        B::Multiplication => a * b,
        B::Division => a / b,
        B::Remainder => a % b,
        B::ShiftLeft => to_int32(a).wrapping_shl(to_uint32(b) & 31) as f64,
        B::ShiftRight => (to_int32(a) >> (to_uint32(b) & 31)) as f64,
        B::ShiftRightZeroFill => (to_uint32(a) >> (to_uint32(b) & 31)) as f64,
        B::BitwiseAnd => (to_int32(a) & to_int32(b)) as f64,
        B::BitwiseOR => (to_int32(a) | to_int32(b)) as f64,
        B::BitwiseXOR => (to_int32(a) ^ to_int32(b)) as f64,
        _ => unreachable!("not a numeric operator"),
    })
}

/// 6.1.6.1.3 Number::exponentiate. The spec fixes the special cases (NaN, zeros, infinities, a
/// negative base with a fractional exponent); every other result is implementation-approximated,
/// and engines round inexact powers differently (V8, JavaScriptCore and SpiderMonkey give
/// `10 ** 23` as 1e23, libm's `pow` the next double up, and they disagree among themselves on
/// fractional exponents). So only exact results are given, and an inexact power refuses the
/// program instead of guessing.
pub fn exponentiate(base: f64, exponent: f64) -> JsResult<f64> {
    if exponent.is_nan() {
        return Ok(f64::NAN);
    }
    if exponent == 0.0 {
        return Ok(1.0);
    }
    if base.is_nan() {
        return Ok(f64::NAN);
    }
    if base.abs() == 1.0 && exponent.is_infinite() {
        return Ok(f64::NAN);
    }
    if base.is_infinite() || base == 0.0 || exponent.is_infinite() || (base < 0.0 && exponent.fract() != 0.0) {
        // Steps 5-12: exact by definition, and `powf` gives them.
        return Ok(base.powf(exponent));
    }
    exact_power(base, exponent)
        .ok_or_else(|| Abrupt::Unsupported("an inexact power (implementation-approximated)".into()))
}

/// `base ** exponent` for a finite non-zero base when the exact result is a double: an integer
/// exponent, and the base's odd significand raised to it fitting in 53 bits (a negative exponent
/// only for powers of two).
fn exact_power(base: f64, exponent: f64) -> Option<f64> {
    if exponent.fract() != 0.0 || exponent.abs() > 2048.0 {
        return None;
    }
    let e = exponent as i64;
    // |base| = odd * 2^shift.
    let bits = base.abs().to_bits();
    let (mantissa, exp) = match (bits >> 52) as i64 {
        0 => (bits, -1074),
        biased => ((bits & ((1 << 52) - 1)) | (1 << 52), biased - 1075),
    };
    let (odd, shift) = (mantissa >> mantissa.trailing_zeros(), exp + i64::from(mantissa.trailing_zeros()));
    if e < 0 && odd != 1 {
        return None;
    }
    let mut power: u64 = 1;
    for _ in 0..e.unsigned_abs() {
        power = power.checked_mul(odd).filter(|p| *p <= 1 << 53)?;
    }
    // power * 2^scale is a multiple of 2^-1074 (the smallest subnormal) below 2^1024 exactly
    // when -1074 <= scale and it does not overflow; scaling by powers of two is then exact.
    let scale = shift.checked_mul(e)?;
    if !(-1074..=1023).contains(&scale) {
        return None;
    }
    let magnitude = if scale >= -1022 {
        power as f64 * 2f64.powi(scale as i32)
    } else {
        power as f64 * 2f64.powi((scale + 1074) as i32) * f64::from_bits(1)
    };
    if !magnitude.is_finite() {
        return None;
    }
    let negative = base < 0.0 && e % 2 != 0;
    Some(if negative { -magnitude } else { magnitude })
}
