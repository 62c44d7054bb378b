//! String members beyond the core set of `builtins`: `replace` and `replaceAll` with a string
//! search value (22.1.3.19-20, GetSubstitution 22.1.3.19.1), `at`, `codePointAt`, `padStart`,
//! `padEnd`, `trimStart`, `trimEnd`, `isWellFormed`, `toWellFormed`, Annex B's `substr`, and
//! `String.fromCharCode` / `String.fromCodePoint`.
//!
//! Strings are Rust strings here, so they cannot hold a lone surrogate: results are built as UTF-16
//! code units, exactly as the specification describes them, and a result that would contain a lone
//! surrogate refuses the program (`Unsupported("lone surrogate")`). For the same reason every
//! string value is well-formed, which is what `isWellFormed` and `toWellFormed` report.
//!
//! The RegExp protocol is not implemented: the well-known symbols @@match and @@replace are never
//! created (reading `Symbol.match` or `Symbol.replace` refuses the program, see `UNIMPLEMENTED` in
//! `builtins`), RegExp objects do not exist, and neither do Proxy objects. So no object a program
//! can make has a property keyed by either symbol, and every object's [[Get]] of a key it lacks is
//! the ordinary walk up its prototype chain, which calls nothing. Hence, exactly per spec,
//! `GetMethod(searchValue, @@replace)` yields undefined and `IsRegExp(searchValue)` yields false
//! with no observable effect, for every search value; [`absent_replace_method`] and
//! [`is_regexp`] record those steps.

use crate::api::Resource;
use crate::conversions::{from_utf16, is_js_whitespace, to_integer_or_infinity, to_uint32, utf16};
use crate::operations::MAX_STRING_LENGTH;
use crate::value::{unsupported, Abrupt, JsResult, Name, ObjRef, Value};
use crate::vm::Vm;

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or(Value::Undefined)
}

/// RequireObjectCoercible(this value) followed by ToString.
fn this_string(vm: &mut Vm, this: &Value) -> JsResult<Name> {
    vm.require_object_coercible(this)?;
    vm.to_string(this)
}

/// A string value from code units; a lone surrogate refuses the program.
fn from_units(units: &[u16]) -> JsResult<Value> {
    match from_utf16(units) {
        Some(s) => Ok(Value::str(&s)),
        None => unsupported("lone surrogate"),
    }
}

/// Strings longer than this interpreter allows end the run as out of memory.
fn check_length(len: usize) -> JsResult<()> {
    if len > MAX_STRING_LENGTH {
        return Err(Abrupt::Exhausted(Resource::Memory));
    }
    Ok(())
}

/// 7.3.10 GetMethod(searchValue, @@replace) for a search value that is neither undefined nor null:
/// always undefined, and unobservable (see the module documentation).
fn absent_replace_method(_search_value: &Value) {}

/// 7.2.8 IsRegExp: false for every value a program can make here (see the module documentation).
fn is_regexp(_v: &Value) -> bool {
    false
}

/// 6.1.4.1 StringIndexOf(string, searchValue, fromIndex).
fn string_index_of(string: &[u16], search: &[u16], from: usize) -> Option<usize> {
    let len = string.len();
    if search.is_empty() {
        return (from <= len).then_some(from);
    }
    if search.len() > len {
        return None;
    }
    (from..=len - search.len()).find(|&k| string[k..k + search.len()] == *search)
}

/// 22.1.3.19.1 GetSubstitution(matched, str, position, captures, namedCaptures, replacementTemplate)
/// with no captures and namedCaptures undefined, as the string search of `replace` and
/// `replaceAll` calls it: `$$`, `` $` ``, `$&` and `$'` are replaced; `$n`, `$nn` and `$<` stay
/// as they are (no capture has index 1-99, namedCaptures is undefined), as does any other `$`.
fn get_substitution(matched: &[u16], string: &[u16], position: usize, template: &[u16], out: &mut Vec<u16>) {
    const DOLLAR: u16 = b'$' as u16;
    let mut i = 0;
    while i < template.len() {
        let unit = template[i];
        let next = template.get(i + 1).copied();
        if unit == DOLLAR {
            match next.and_then(|n| u8::try_from(n).ok()) {
                Some(b'$') => out.push(DOLLAR),
                Some(b'`') => out.extend_from_slice(&string[..position]),
                Some(b'&') => out.extend_from_slice(matched),
                Some(b'\'') => {
                    let tail = (position + matched.len()).min(string.len());
                    out.extend_from_slice(&string[tail..]);
                }
                _ => {
                    out.push(DOLLAR);
                    i += 1;
                    continue;
                }
            }
            i += 2;
        } else {
            out.push(unit);
            i += 1;
        }
    }
}

/// The replacement of one match: the replacer's result converted by ToString, or the template's
/// substitution.
fn replacement(
    vm: &mut Vm,
    replace_value: &Value,
    functional: bool,
    template: &[u16],
    (search_string, string, string_units): (&Name, &Name, &[u16]),
    position: usize,
    out: &mut Vec<u16>,
) -> JsResult<()> {
    if functional {
        let r = vm.call(
            replace_value,
            Value::Undefined,
            vec![Value::String(search_string.clone()), Value::Number(position as f64), Value::String(string.clone())],
        )?;
        let r = vm.to_string(&r)?;
        out.extend(r.encode_utf16());
    } else {
        get_substitution(&utf16(search_string), string_units, position, template, out);
    }
    check_length(out.len())
}

/// Steps shared by `replace` and `replaceAll` after the search value's protocol checks: the
/// conversions of this value, search value and (non-callable) replace value, in that order.
fn replace_with_string(vm: &mut Vm, this: &Value, args: &[Value], all: bool) -> JsResult<Value> {
    let search_value = arg(args, 0);
    let replace_value = arg(args, 1);
    let string = vm.to_string(this)?;
    let search_string = vm.to_string(&search_value)?;
    let functional = replace_value.as_object().is_some_and(|o| vm.is_callable(o));
    let template = if functional { Vec::new() } else { utf16(&vm.to_string(&replace_value)?) };
    let units = utf16(&string);
    let search = utf16(&search_string);
    let mut positions = Vec::new();
    let mut position = string_index_of(&units, &search, 0);
    while let Some(p) = position {
        vm.tick()?;
        positions.push(p);
        if !all {
            break;
        }
        position = string_index_of(&units, &search, p + search.len().max(1));
    }
    if positions.is_empty() {
        return Ok(Value::String(string));
    }
    let mut result = Vec::new();
    let mut end_of_last_match = 0;
    for p in positions {
        result.extend_from_slice(&units[end_of_last_match..p]);
        replacement(vm, &replace_value, functional, &template, (&search_string, &string, &units), p, &mut result)?;
        end_of_last_match = p + search.len();
    }
    result.extend_from_slice(&units[end_of_last_match..]);
    check_length(result.len())?;
    from_units(&result)
}

/// 22.1.3.19 String.prototype.replace(searchValue, replaceValue).
pub(crate) fn string_replace(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    vm.require_object_coercible(this)?;
    let search_value = arg(args, 0);
    if !search_value.is_nullish() {
        absent_replace_method(&search_value);
    }
    replace_with_string(vm, this, args, false)
}

/// 22.1.3.20 String.prototype.replaceAll(searchValue, replaceValue).
pub(crate) fn string_replace_all(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    vm.require_object_coercible(this)?;
    let search_value = arg(args, 0);
    if !search_value.is_nullish() {
        if is_regexp(&search_value) {
            return unsupported("RegExp");
        }
        absent_replace_method(&search_value);
    }
    replace_with_string(vm, this, args, true)
}

/// 22.1.3.1 String.prototype.at(index).
pub(crate) fn string_at(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = utf16(&this_string(vm, this)?);
    let len = s.len() as f64;
    let relative = to_integer_or_infinity(vm.to_number(&arg(args, 0))?);
    let k = if relative >= 0.0 { relative } else { len + relative };
    if k < 0.0 || k >= len {
        return Ok(Value::Undefined);
    }
    from_units(&s[k as usize..k as usize + 1])
}

/// 22.1.3.4 String.prototype.codePointAt(pos) with 11.1.4 CodePointAt.
pub(crate) fn string_code_point_at(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = utf16(&this_string(vm, this)?);
    let position = to_integer_or_infinity(vm.to_number(&arg(args, 0))?);
    if position < 0.0 || position >= s.len() as f64 {
        return Ok(Value::Undefined);
    }
    let p = position as usize;
    let first = s[p];
    let cp = match s.get(p + 1) {
        Some(&second) if (0xD800..=0xDBFF).contains(&first) && (0xDC00..=0xDFFF).contains(&second) => {
            (u32::from(first) - 0xD800) * 0x400 + (u32::from(second) - 0xDC00) + 0x10000
        }
        _ => u32::from(first),
    };
    Ok(Value::Number(f64::from(cp)))
}

/// 22.1.3.17.1 StringPaddingBuiltinsImpl and 22.1.3.17.2 StringPad.
fn pad(vm: &mut Vm, this: &Value, args: &[Value], at_start: bool) -> JsResult<Value> {
    let s = this_string(vm, this)?;
    let max_length = vm.to_length(&arg(args, 0))?;
    let units = utf16(&s);
    if max_length <= units.len() as f64 {
        return Ok(Value::String(s));
    }
    let fill = match arg(args, 1) {
        Value::Undefined => Name::from(" "),
        v => vm.to_string(&v)?,
    };
    if fill.is_empty() {
        return Ok(Value::String(s));
    }
    if max_length > MAX_STRING_LENGTH as f64 {
        return Err(Abrupt::Exhausted(Resource::Memory));
    }
    let fill_len = max_length as usize - units.len();
    let filler: Vec<u16> = fill.encode_utf16().cycle().take(fill_len).collect();
    let result = if at_start { [filler, units].concat() } else { [units, filler].concat() };
    from_units(&result)
}

/// 22.1.3.17 String.prototype.padStart(maxLength [, fillString]).
pub(crate) fn string_pad_start(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    pad(vm, this, args, true)
}

/// 22.1.3.16 String.prototype.padEnd(maxLength [, fillString]).
pub(crate) fn string_pad_end(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    pad(vm, this, args, false)
}

/// 22.1.3.34 String.prototype.trimStart() (also `trimLeft`, B.2.2.15).
pub(crate) fn string_trim_start(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::str(this_string(vm, this)?.trim_start_matches(is_js_whitespace)))
}

/// 22.1.3.33 String.prototype.trimEnd() (also `trimRight`, B.2.2.16).
pub(crate) fn string_trim_end(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::str(this_string(vm, this)?.trim_end_matches(is_js_whitespace)))
}

/// 22.1.3.10 String.prototype.isWellFormed(): every string value here is well-formed.
pub(crate) fn string_is_well_formed(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    this_string(vm, this)?;
    Ok(Value::Bool(true))
}

/// 22.1.3.32 String.prototype.toWellFormed(): every string value here is well-formed already.
pub(crate) fn string_to_well_formed(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::String(this_string(vm, this)?))
}

/// B.2.2.1 String.prototype.substr(start, length).
pub(crate) fn string_substr(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = utf16(&this_string(vm, this)?);
    let size = s.len() as f64;
    let start = to_integer_or_infinity(vm.to_number(&arg(args, 0))?);
    let start = if start == f64::NEG_INFINITY {
        0.0
    } else if start < 0.0 {
        (size + start).max(0.0)
    } else {
        start.min(size)
    };
    let length = match arg(args, 1) {
        Value::Undefined => size,
        v => to_integer_or_infinity(vm.to_number(&v)?),
    };
    let length = length.clamp(0.0, size);
    let end = (start + length).min(size);
    from_units(&s[start as usize..end as usize])
}

/// 22.1.2.1 String.fromCharCode(...codeUnits).
pub(crate) fn string_from_char_code(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let mut units = Vec::with_capacity(args.len());
    for a in args {
        let n = vm.to_number(a)?;
        units.push(to_uint32(n) as u16);
    }
    from_units(&units)
}

/// 22.1.2.2 String.fromCodePoint(...codePoints).
pub(crate) fn string_from_code_point(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let mut units = Vec::with_capacity(args.len());
    for a in args {
        let n = vm.to_number(a)?;
        if !n.is_finite() || n.trunc() != n || !(0.0..=1_114_111.0).contains(&n) {
            return Err(vm.error("RangeError", "invalid code point"));
        }
        let cp = n as u32;
        if cp < 0x10000 {
            units.push(cp as u16);
        } else {
            let c = cp - 0x10000;
            units.push(0xD800 + (c >> 10) as u16);
            units.push(0xDC00 + (c & 0x3FF) as u16);
        }
    }
    from_units(&units)
}
