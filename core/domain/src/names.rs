//! Search keys of a Chinese name: characters, full pinyin and initials (张三 → zhangsan, zs).
//! Characters with several readings (长 chang/zhang, 乐 le/yue) are indexed under each, so a
//! worker finds the person whichever reading the family uses.

use pinyin::{ToPinyin, ToPinyinMulti};

/// Surnames whose reading differs from the character's everyday one.
const SURNAME_READINGS: [(char, &str); 14] = [
    ('单', "shan"),
    ('曾', "zeng"),
    ('仇', "qiu"),
    ('区', "ou"),
    ('解', "xie"),
    ('查', "zha"),
    ('朴', "piao"),
    ('盖', "ge"),
    ('乐', "yue"),
    ('覃', "qin"),
    ('尉', "yu"),
    ('缪', "miao"),
    ('翟', "zhai"),
    ('召', "shao"),
];

/// Readings kept per character, and reading combinations kept per name.
const READINGS_PER_CHAR: usize = 3;
const COMBINATIONS: usize = 12;

/// The keys a name is found by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameKeys {
    /// The name's characters, space separated, for substring (phrase) search.
    pub chars: String,
    /// Full pinyin from each syllable to the end, space separated: "zhangsanfeng sanfeng feng".
    pub pinyin: String,
    /// Initials from each syllable to the end: "zsf sf f".
    pub initials: String,
}

/// Pinyin syllables of a name in its most common reading, the first read as a surname.
/// Non-Han letters are kept lowercased as their own syllable; punctuation is dropped.
pub fn syllables(name: &str) -> Vec<String> {
    readings(name)
        .into_iter()
        .map(|mut r| r.swap_remove(0))
        .collect()
}

/// Every reading of every character (the most common first), the first read as a surname.
fn readings(name: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, c) in name.chars().enumerate() {
        let surname = if i == 0 {
            SURNAME_READINGS
                .iter()
                .find(|(s, _)| *s == c)
                .map(|(_, r)| *r)
        } else {
            None
        };
        if let Some(r) = surname {
            out.push(vec![r.to_string()]);
        } else if let Some(multi) = c.to_pinyin_multi() {
            let mut all: Vec<String> = Vec::new();
            for p in multi {
                let plain = p.plain().to_string();
                if !all.contains(&plain) && all.len() < READINGS_PER_CHAR {
                    all.push(plain);
                }
            }
            out.push(all);
        } else if let Some(p) = c.to_pinyin() {
            out.push(vec![p.plain().to_string()]);
        } else if c.is_alphanumeric() {
            out.push(vec![c.to_lowercase().collect()]);
        }
    }
    out
}

/// Reading combinations of a name, most common first, at most [`COMBINATIONS`].
fn combinations(readings: &[Vec<String>]) -> Vec<Vec<&str>> {
    let mut combos: Vec<Vec<&str>> = vec![Vec::new()];
    for options in readings {
        let mut next = Vec::new();
        for combo in &combos {
            for option in options {
                if next.len() < COMBINATIONS {
                    let mut c = combo.clone();
                    c.push(option.as_str());
                    next.push(c);
                }
            }
        }
        combos = next;
    }
    combos
}

/// All search keys of a name.
pub fn name_keys(name: &str) -> NameKeys {
    let chars: Vec<String> = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_string())
        .collect();
    let all = readings(name);
    let mut pinyin: Vec<String> = Vec::new();
    let mut initials: Vec<String> = Vec::new();
    for combo in combinations(&all) {
        for start in 0..combo.len() {
            let full: String = combo[start..].concat();
            let first: String = combo[start..]
                .iter()
                .filter_map(|s| s.chars().next())
                .collect();
            if !pinyin.contains(&full) {
                pinyin.push(full);
            }
            if !initials.contains(&first) {
                initials.push(first);
            }
        }
    }
    NameKeys {
        chars: chars.join(" "),
        pinyin: pinyin.join(" "),
        initials: initials.join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_pinyin_and_initials_cover_every_syllable_start() {
        let k = name_keys("张三丰");
        assert_eq!(k.chars, "张 三 丰");
        assert_eq!(k.pinyin, "zhangsanfeng sanfeng feng");
        assert_eq!(k.initials, "zsf sf f");
    }

    #[test]
    fn polyphonic_surnames_use_the_surname_reading() {
        assert_eq!(syllables("曾小红"), ["zeng", "xiao", "hong"]);
        assert_eq!(syllables("单田芳")[0], "shan");
    }

    #[test]
    fn characters_with_several_readings_are_found_under_each() {
        let k = name_keys("葛长青");
        assert!(
            k.pinyin.split(' ').any(|t| t == "gechangqing"),
            "{}",
            k.pinyin
        );
        assert!(
            k.pinyin.split(' ').any(|t| t == "gezhangqing"),
            "{}",
            k.pinyin
        );
        assert!(k.initials.split(' ').any(|t| t == "gcq"));
        assert_eq!(syllables("葛长青").len(), 3);
    }

    #[test]
    fn minority_names_drop_the_middle_dot() {
        let k = name_keys("阿依古丽·买买提");
        assert!(!k.chars.contains('·'));
        assert!(k.pinyin.starts_with("ayiguli"));
    }
}
