//! Reads a document's JSON tree into its content type, telling an enum code this version does not
//! know (written by a newer app) from a broken value by the kind of error serde reports, not by its
//! message text.
//!
//! serde's derived enums report an unknown code through [`de::Error::unknown_variant`]; decoding
//! through [`Decoder`] makes that call land on [`Problem::UnknownCode`] with the code itself. Every
//! other problem keeps only its kind, never the offending value (which may be a name).

use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor,
    value::BorrowedStrDeserializer,
};
use serde_json::{Map, Value};

use super::DocError;

/// Decodes `tree` into `T`, classifying a failure as [`DocError::NewerVersion`] or
/// [`DocError::Unreadable`].
pub(super) fn from_tree<T: DeserializeOwned>(tree: &Value) -> Result<T, DocError> {
    T::deserialize(Decoder(tree)).map_err(|problem| match problem {
        // Enum codes are not personal data; the code tells support what the newer app wrote.
        Problem::UnknownCode(code) => DocError::NewerVersion { code },
        other => DocError::Unreadable(other.to_string()),
    })
}

/// Why a tree does not decode; carries no value from the document except an unknown enum code.
#[derive(Debug, PartialEq, Eq)]
enum Problem {
    /// An enum code the content type does not have.
    UnknownCode(String),
    /// A required field is absent (the field's name comes from the code, not the document).
    MissingField(&'static str),
    /// A value of the wrong kind (text where a number belongs, say).
    WrongType,
    /// A value of the right kind that the content type refuses.
    WrongValue,
    /// A list with too many or too few entries.
    WrongLength,
    /// A field the content type refuses or holds twice.
    WrongField,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::UnknownCode(code) => write!(f, "unknown code `{code}`"),
            Problem::MissingField(field) => write!(f, "missing field `{field}`"),
            Problem::WrongType => f.write_str("invalid type"),
            Problem::WrongValue => f.write_str("invalid value"),
            Problem::WrongLength => f.write_str("invalid length"),
            Problem::WrongField => f.write_str("unexpected field"),
        }
    }
}

impl std::error::Error for Problem {}

impl de::Error for Problem {
    fn custom<T: fmt::Display>(_message: T) -> Self {
        // A content type's own check (an ID number's, say) may quote the value: drop the text.
        Problem::WrongValue
    }

    fn invalid_type(_: de::Unexpected<'_>, _: &dyn de::Expected) -> Self {
        Problem::WrongType
    }

    fn invalid_value(_: de::Unexpected<'_>, _: &dyn de::Expected) -> Self {
        Problem::WrongValue
    }

    fn invalid_length(_: usize, _: &dyn de::Expected) -> Self {
        Problem::WrongLength
    }

    fn unknown_variant(variant: &str, _expected: &'static [&'static str]) -> Self {
        Problem::UnknownCode(variant.to_string())
    }

    fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
        Problem::WrongField
    }

    fn missing_field(field: &'static str) -> Self {
        Problem::MissingField(field)
    }

    fn duplicate_field(_: &'static str) -> Self {
        Problem::WrongField
    }
}

/// A serde deserializer over a borrowed JSON tree whose error is [`Problem`].
struct Decoder<'de>(&'de Value);

impl<'de> de::Deserializer<'de> for Decoder<'de> {
    type Error = Problem;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().ok_or(Problem::WrongValue)?)
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => {
                let mut seq = Seq(items.iter());
                let value = visitor.visit_seq(&mut seq)?;
                match seq.0.len() {
                    0 => Ok(value),
                    _ => Err(Problem::WrongLength),
                }
            }
            Value::Object(map) => visitor.visit_map(Entries {
                iter: map.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Problem> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Problem> {
        match self.0 {
            Value::String(code) => visitor.visit_enum(BorrowedStrDeserializer::new(code)),
            Value::Object(map) => match single(map) {
                Some((code, value)) => visitor.visit_enum(Variant {
                    code: code.as_str(),
                    value,
                }),
                None => Err(Problem::WrongType),
            },
            _ => Err(Problem::WrongType),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// The only entry of a map, if it has exactly one (an enum variant carrying data).
fn single(map: &Map<String, Value>) -> Option<(&String, &Value)> {
    let mut entries = map.iter();
    match (entries.next(), entries.next()) {
        (Some(entry), None) => Some(entry),
        _ => None,
    }
}

/// A list's entries, one at a time.
struct Seq<'de>(std::slice::Iter<'de, Value>);

impl<'de> SeqAccess<'de> for Seq<'de> {
    type Error = Problem;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Problem> {
        self.0
            .next()
            .map(|item| seed.deserialize(Decoder(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// A map's entries, key then value.
struct Entries<'de> {
    iter: serde_json::map::Iter<'de>,
    value: Option<&'de Value>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Problem;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Problem> {
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(BorrowedStrDeserializer::new(key))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Problem> {
        let value = self.value.take().ok_or(Problem::WrongLength)?;
        seed.deserialize(Decoder(value))
    }
}

/// An enum variant written as `{ "code": value }`.
struct Variant<'de> {
    code: &'de str,
    value: &'de Value,
}

impl<'de> de::EnumAccess<'de> for Variant<'de> {
    type Error = Problem;
    type Variant = Decoder<'de>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Decoder<'de>), Problem> {
        let code = BorrowedStrDeserializer::<Problem>::new(self.code);
        Ok((seed.deserialize(code)?, Decoder(self.value)))
    }
}

impl<'de> de::VariantAccess<'de> for Decoder<'de> {
    type Error = Problem;

    fn unit_variant(self) -> Result<(), Problem> {
        match self.0 {
            Value::Null => Ok(()),
            _ => Err(Problem::WrongType),
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Problem> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Problem> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Problem> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}
