//! Search keys of a Chinese name: characters, full pinyin and initials (张三 → zhangsan, zs).

use pinyin::ToPinyin;

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

/// Pinyin syllables of a name, the first read as a surname. Non-Han letters are kept
/// lowercased as their own syllable; punctuation such as the middle dot is dropped.
pub fn syllables(name: &str) -> Vec<String> {
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
            out.push(r.to_string());
        } else if let Some(p) = c.to_pinyin() {
            out.push(p.plain().to_string());
        } else if c.is_alphanumeric() {
            out.push(c.to_lowercase().collect());
        }
    }
    out
}

/// All search keys of a name.
pub fn name_keys(name: &str) -> NameKeys {
    let chars: Vec<String> = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_string())
        .collect();
    let syl = syllables(name);
    let tails = |f: &dyn Fn(&String) -> String| -> String {
        (0..syl.len())
            .map(|i| syl[i..].iter().map(f).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    };
    NameKeys {
        chars: chars.join(" "),
        pinyin: tails(&|s: &String| s.clone()),
        initials: tails(&|s: &String| s.chars().next().map(String::from).unwrap_or_default()),
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
    fn minority_names_drop_the_middle_dot() {
        let k = name_keys("阿依古丽·买买提");
        assert!(!k.chars.contains('·'));
        assert!(k.pinyin.starts_with("ayiguli"));
    }
}
