//! Transliteration keys: one ASCII key per name in any script, so that
//! Әміртаев, Амиртаев, Amirtayev and Amirtay meet, and Тоқаев, Токаев,
//! Tokayev and Toqaev too.
//!
//! `key("Әміртаев") == "amirtaev"`, `key("Amirtay") == "amirtai"`.

/// Latin letters for one Cyrillic letter (Kazakh and Russian alphabets).
fn cyr(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' | 'і' | 'ы' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' | 'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' | 'щ' => "sh",
        'ъ' | 'ь' => "",
        'ю' => "iu",
        'я' => "ia",
        _ => return None,
    })
}

/// Latin letters of the 2021 Kazakh Latin alphabet and other diacritics.
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'ä' | 'á' | 'à' | 'â' => "a",
        'ö' | 'ó' | 'ô' => "o",
        'ü' | 'ú' | 'ū' | 'ù' | 'û' => "u",
        'ı' | 'í' | 'ì' | 'î' | 'ï' => "i",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'ş' | 'š' => "sh",
        'ç' | 'č' => "ch",
        'ğ' => "g",
        'ñ' | 'ň' => "n",
        'ž' => "zh",
        'q' => "k",
        'w' => "v",
        'x' => "h",
        'y' => "i",
        'j' => "zh",
        _ => return None,
    })
}

/// The ASCII key of a name: lowercase, transliterated, with the spelling
/// differences between Russian, Kazakh and English romanizations folded.
pub fn key(name: &str) -> String {
    let mut raw = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if let Some(s) = cyr(c) {
            raw.push_str(s);
        } else if c.is_ascii_alphanumeric() && !matches!(c, 'q' | 'w' | 'x' | 'y' | 'j') {
            raw.push(c);
        } else if let Some(s) = latin(c) {
            raw.push_str(s);
        } else if c == '-' || c.is_whitespace() {
            raw.push('-');
        }
    }
    fold(&raw)
}

/// Folds romanization variants: kh -> h, ye/yo -> e, iu -> u, ia -> a,
/// doubled letters -> one, dzh -> zh.
fn fold(s: &str) -> String {
    let s = s
        .replace("kh", "h")
        .replace("dzh", "zh")
        .replace("iia", "ia")
        .replace("ie", "e")
        .replace("io", "e")
        .replace("iu", "u")
        .replace("ia", "a");
    let mut out = String::with_capacity(s.len());
    let mut prev = '\0';
    for c in s.chars() {
        if c != prev || c == '-' {
            out.push(c);
        }
        prev = c;
    }
    out.trim_matches('-').to_string()
}

/// A key without the Russian-style surname endings (-ев, -ов, -ин and their
/// feminine forms), so that Амиртаев and Amirtai share `amirta`.
pub fn stem_key(name: &str) -> String {
    let k = key(name);
    for end in ["eva", "ova", "ina", "ev", "ov", "in", "i"] {
        if let Some(s) = k.strip_suffix(end) {
            if s.len() >= 4 {
                return s.to_string();
            }
        }
    }
    k
}

/// A slug for IRIs and ids: the key with non-alphanumerics as '-'. A name
/// no letter of which transliterates (Ǆ, 🙂) is named by its characters'
/// code points (u1c4), so that two such names never share a slug.
pub fn slug(name: &str) -> String {
    let k = key(name);
    let mut out = String::new();
    for c in k.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if !out.is_empty() {
        return out;
    }
    let points: Vec<String> = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| format!("u{:x}", u32::from(c)))
        .collect();
    if points.is_empty() {
        "unnamed".into()
    } else {
        points.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_meet() {
        assert_eq!(key("Әміртаев"), key("Амиртаев"));
        assert_eq!(key("Amirtai"), key("Amirtay"));
        assert_eq!(stem_key("Әміртаев"), stem_key("Amirtai"));
        assert_eq!(key("Тоқаев"), key("Tokayev"));
        // The 2021 Kazakh Latin alphabet.
        assert_eq!(key("Qoşanov"), key("Қошанов"));
        assert_eq!(key("Toqaev"), key("Токаев"));
        assert_eq!(key("Äbdığappar"), key("Әбдіғаппар"));
        assert_eq!(key("Toqaev"), key("Токаев"));
        assert_eq!(key("Қошанов"), key("Qoşanov"));
        assert_eq!(key("Азаматхан"), key("Azamatkhan"));
        assert_eq!(key("Артём"), key("Artyom"));
    }

    #[test]
    fn every_name_has_a_slug() {
        assert_eq!(slug("Ǆ"), "u1c4");
        assert_ne!(slug("🙂"), slug("🙃"));
        assert_eq!(slug("Әміртаев"), "amirtaev");
    }

    #[test]
    fn different_names_differ() {
        assert_ne!(key("Мұрат"), key("Марат"));
        assert_ne!(stem_key("Ташибаев"), stem_key("Ташенов"));
    }
}
