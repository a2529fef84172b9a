//! Stage 2, text: an [`Article`](crate::input::Article) becomes a [`Doc`]:
//! the text in NFC with homoglyphs folded (a Latin "c" inside a Cyrillic word
//! reads as Cyrillic) and invisible format characters dropped (a zero-width
//! joiner or soft hyphen inside a name), its language, tokens and sentences. Every position in a
//! `Doc` is a char index into the folded text; [`Doc::orig`] maps it back to
//! the code-point offset in the article as read, which is what outputs use.
//!
//! Reads `seeds/lexicons/boilerplate.tsv` (through the lexicon) to find where
//! the article ends and site navigation begins.

pub mod translit;

use crate::input::Article;
use crate::lexicon::Lexicon;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Main language of an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Kk,
    Ru,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// Position in the lexicon's kk/ru/en label triples.
    pub fn index(self) -> usize {
        match self {
            Lang::Kk => 0,
            Lang::Ru => 1,
            Lang::En => 2,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    Punct,
}

/// A token of the folded text: `[start, end)` in chars.
#[derive(Clone, Debug)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub lower: String,
    pub kind: TokKind,
    /// First letter uppercase.
    pub cap: bool,
    /// Every letter uppercase (and more than one letter).
    pub upper: bool,
    /// A single capital letter with its dot: "Ж." in "Ж.Базартай".
    pub initial: bool,
    /// Followed by a newline before the next token.
    pub line_end: bool,
}

/// A sentence: a range of token indices and its char span.
#[derive(Clone, Debug)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: std::ops::Range<usize>,
}

/// An article read for extraction.
pub struct Doc {
    pub id: String,
    /// The text exactly as read.
    pub text: String,
    /// NFC, homoglyphs folded.
    pub norm: Vec<char>,
    /// For each char of `norm` (and one past the end): its code-point offset in `text`.
    orig_of: Vec<usize>,
    /// For each code point of `text` (and one past the end): its byte offset.
    byte_of: Vec<usize>,
    pub lang: Lang,
    pub published: Option<String>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Char index (in `norm`) where the article body ends and navigation begins.
    pub body_end: usize,
}

impl Doc {
    /// Code-point offset in the original text of a char index of `norm`.
    pub fn orig(&self, i: usize) -> usize {
        self.orig_of[i.min(self.orig_of.len() - 1)]
    }

    /// The original text between two char indices of `norm`.
    pub fn orig_slice(&self, start: usize, end: usize) -> String {
        let (s, e) = (self.orig(start), self.orig(end));
        self.text[self.byte_of[s]..self.byte_of[e]].to_string()
    }

    /// The folded text between two char indices.
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.norm[start..end].iter().collect()
    }

    /// The sentence that contains a char index.
    pub fn sentence_at(&self, i: usize) -> Option<&Sentence> {
        self.sentences.iter().find(|s| s.start <= i && i < s.end)
    }
}

/// Builds a `Doc` from an article.
pub fn analyze(article: &Article, lex: &Lexicon) -> Doc {
    let (norm, orig_of) = normalize(&article.text);
    let tokens = tokenize(&norm);
    let lang = detect_lang(&norm);
    let sentences = split_sentences(&tokens, lex);
    let body_end = find_body_end(&norm, lex);
    let mut byte_of: Vec<usize> = article.text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(article.text.len());
    Doc {
        id: article.id.clone(),
        text: article.text.clone(),
        norm,
        orig_of,
        byte_of,
        lang,
        published: article.published.clone(),
        tokens,
        sentences,
        body_end,
    }
}

/// NFC per grapheme-like cluster (a starter and its combining marks), so that
/// every output char knows the original code point it came from; invisible
/// format characters dropped; then homoglyphs folded within words.
fn normalize(text: &str) -> (Vec<char>, Vec<usize>) {
    let chars: Vec<char> = text.chars().collect();
    let mut norm = Vec::with_capacity(chars.len());
    let mut orig_of = Vec::with_capacity(chars.len() + 1);
    let mut i = 0;
    while i < chars.len() {
        if is_invisible(chars[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && is_combining_mark(chars[j]) {
            j += 1;
        }
        if j == i + 1 {
            norm.push(chars[i]);
            orig_of.push(i);
        } else {
            let cluster: String = chars[i..j].iter().filter(|c| !is_invisible(**c)).collect();
            for c in cluster.nfc() {
                norm.push(c);
                orig_of.push(i);
            }
        }
        i = j;
    }
    orig_of.push(chars.len());
    fold_homoglyphs(&mut norm);
    (norm, orig_of)
}

/// A character that takes no room and means nothing to a reader: zero-width
/// spaces and joiners, direction marks and embeddings, the soft hyphen, the
/// word joiner and invisible operators, the byte-order mark, the combining
/// grapheme joiner, the Mongolian vowel separator, variation selectors and
/// tag characters. Pasted text carries them inside words (Ер\u{200D}лан,
/// Қоша\u{00AD}нов), where they would split a name or hide it from the
/// lexicon.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// A control character a terminal would act on: C0 and C1 controls and DEL,
/// except newline and tab.
pub fn is_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// Text safe to print on a terminal: each control character (ESC, BEL,
/// carriage return, C1 controls...) written as its escape, `\u{1b}`; newlines
/// and tabs stay.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

/// Pushes a char, or its escape if it is a control character.
pub fn push_visible(out: &mut String, c: char) {
    if is_control(c) {
        use std::fmt::Write;
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    } else {
        out.push(c);
    }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// Latin letters that look like Cyrillic ones, and back.
const HOMOGLYPHS: &[(char, char)] = &[
    ('a', 'а'),
    ('c', 'с'),
    ('e', 'е'),
    ('o', 'о'),
    ('p', 'р'),
    ('x', 'х'),
    ('y', 'у'),
    ('i', 'і'),
    ('A', 'А'),
    ('B', 'В'),
    ('C', 'С'),
    ('E', 'Е'),
    ('H', 'Н'),
    ('K', 'К'),
    ('M', 'М'),
    ('O', 'О'),
    ('P', 'Р'),
    ('T', 'Т'),
    ('X', 'Х'),
    ('I', 'І'),
];

/// In a word that is mostly Cyrillic, a Latin look-alike becomes Cyrillic;
/// in a mostly Latin word, a Cyrillic look-alike becomes Latin.
fn fold_homoglyphs(chars: &mut [char]) {
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i]) || chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && is_word_char(chars[j]) && !chars[j].is_ascii_digit() {
            j += 1;
        }
        let word = &mut chars[i..j];
        let cyr = word.iter().filter(|c| is_cyrillic(**c)).count();
        let lat = word.iter().filter(|c| c.is_ascii_alphabetic()).count();
        if cyr > 0 && lat > 0 {
            let to_cyr = cyr >= lat;
            for c in word.iter_mut() {
                for &(l, k) in HOMOGLYPHS {
                    if to_cyr && *c == l {
                        *c = k;
                    } else if !to_cyr && *c == k {
                        *c = l;
                    }
                }
            }
        }
        i = j;
    }
}

/// The lowercase of a char, with fast paths for ASCII and Cyrillic (the
/// Kazakh letters pair upper and lower case on neighbouring code points).
pub fn lower_char(c: char) -> char {
    let u = c as u32;
    match u {
        0x41..=0x5A => char::from_u32(u + 0x20).unwrap_or(c),
        0..=0x7F => c,
        0x410..=0x42F => char::from_u32(u + 0x20).unwrap_or(c),
        0x400..=0x40F => char::from_u32(u + 0x50).unwrap_or(c),
        0x430..=0x45F => c,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x4FF => char::from_u32(u | 1).unwrap_or(c),
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// A lemma written with the text's capitalization when it is a prefix of the
/// word (Ташибаевтың → Ташибаев), else capitalized (Токаевым → токаев → Токаев).
pub fn recase(word: &str, lemma: &str) -> String {
    if lower(word).starts_with(lemma) {
        word.chars().take(lemma.chars().count()).collect()
    } else {
        let mut c = lemma.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }
}

/// A string in lowercase, one char for one char.
pub fn lower(s: &str) -> String {
    s.chars().map(lower_char).collect()
}

/// A letter or digit; Cyrillic and ASCII without the general Unicode tables.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{0410}'..='\u{044F}').contains(&c)
        || ('\u{0400}'..='\u{040F}').contains(&c)
        || ('\u{0450}'..='\u{045F}').contains(&c)
    {
        true
    } else {
        c.is_alphanumeric()
    }
}

/// Splits into words, numbers and punctuation. Hyphens and apostrophes
/// inside words stay (Касым-Жомарт, People's); a capital letter with a dot
/// is an initial (Ж.); a domain keeps its dot (BAQ.KZ, Egemen.kz).
fn tokenize(c: &[char]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let n = c.len();
    let mut i = 0;
    while i < n {
        if c[i].is_whitespace() {
            if c[i] == '\n' {
                if let Some(t) = out.last_mut() {
                    t.line_end = true;
                }
            }
            i += 1;
            continue;
        }
        let start = i;
        let kind = if is_word_char(c[i]) {
            let numeric = c[i].is_ascii_digit();
            while i < n {
                let joiner = matches!(c[i], '-' | '\'' | '’')
                    && i + 1 < n
                    && is_word_char(c[i + 1])
                    && i > start
                    && !(numeric && c[i] == '-');
                if is_word_char(c[i]) || joiner || (c[i] == '.' && is_domain_dot(c, start, i)) {
                    i += 1;
                } else {
                    break;
                }
            }
            // An abbreviation of single letters and dots, the second lowercase:
            // и.о., И.о., м.а., т.б.
            let abbreviation = i - start == 1
                && c.get(i) == Some(&'.')
                && c.get(i + 1).is_some_and(|x| x.is_lowercase())
                && c.get(i + 2) == Some(&'.');
            if abbreviation {
                i += 3;
            } else if i - start == 1 && c[start].is_uppercase() && i < n && c[i] == '.' {
                // An initial: one capital letter and a dot.
                i += 1;
            }
            if c[start..i].iter().all(|ch| ch.is_ascii_digit()) {
                TokKind::Number
            } else {
                TokKind::Word
            }
        } else {
            i += 1;
            TokKind::Punct
        };
        let text: String = c[start..i].iter().collect();
        let letters: Vec<char> = c[start..i]
            .iter()
            .copied()
            .filter(|ch| is_word_char(*ch) && !ch.is_ascii_digit())
            .collect();
        let cap = letters.first().is_some_and(|ch| ch.is_uppercase());
        let upper = letters.len() > 1 && letters.iter().all(|ch| ch.is_uppercase());
        let initial = letters.len() == 1 && cap && text.ends_with('.');
        let lower = lower(&text);
        out.push(Token {
            start,
            end: i,
            text,
            lower,
            kind,
            cap,
            upper,
            initial,
            line_end: false,
        });
    }
    out
}

/// A dot between a name of two or more Latin letters and a top-level domain.
fn is_domain_dot(c: &[char], start: usize, dot: usize) -> bool {
    if dot - start < 2 || !c[start..dot].iter().all(|ch| is_word_char(*ch)) {
        return false;
    }
    let mut j = dot + 1;
    while j < c.len() && is_word_char(c[j]) && !c[j].is_ascii_digit() {
        j += 1;
    }
    let tld: String = c[dot + 1..j].iter().collect::<String>().to_lowercase();
    const TLDS: &[&str] = &[
        "kz", "ru", "com", "org", "net", "info", "uz", "kg", "ру", "рф", "кз", "қаз",
    ];
    TLDS.contains(&tld.as_str()) && (j == c.len() || !c[j].is_alphanumeric())
}

/// Language from words: Latin-majority text is English; Cyrillic text in
/// which more than one word in twenty has a letter only Kazakh has
/// (ә ғ қ ң ө ұ ү һ і) is Kazakh, else Russian. All-caps words do not count:
/// a Russian article writes БАЙТАҚ too.
fn detect_lang(c: &[char]) -> Lang {
    let (mut lat, mut cyr, mut kk) = (0usize, 0usize, 0usize);
    let text: String = c.iter().collect();
    for w in text
        .split(|ch: char| !is_word_char(ch) || ch.is_ascii_digit())
        .filter(|w| !w.is_empty())
    {
        if w.chars().all(|ch| ch.is_ascii_alphabetic()) {
            lat += 1;
        } else if w.chars().any(is_cyrillic) {
            cyr += 1;
            let caps = w.chars().count() > 1 && w.chars().all(|ch| !ch.is_lowercase());
            if !caps && w.chars().any(|ch| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(ch)) {
                kk += 1;
            }
        }
    }
    if lat > cyr {
        Lang::En
    } else if kk * 20 > cyr {
        Lang::Kk
    } else {
        Lang::Ru
    }
}

/// The most tokens a sentence has. Text that runs on without a sentence end
/// (a page flattened onto one line, a list of names) is cut into pieces of
/// this size, so that the work per sentence stays bounded; no sentence a
/// person writes comes near it.
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// Sentences end at . ! ? … and line breaks, not after initials or the
/// abbreviations of the lexicon, and only before something that can open one.
/// A run of [`MAX_SENTENCE_TOKENS`] tokens with no end is cut after its last
/// comma, semicolon or colon in the second half, else where it reaches the
/// limit.
fn split_sentences(toks: &[Token], lex: &Lexicon) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0;
    for (i, t) in toks.iter().enumerate() {
        let mut end = t.line_end;
        if !end && t.kind == TokKind::Punct && matches!(t.text.as_str(), "." | "!" | "?" | "…") {
            let prev_abbr = i > 0 && lex.is_abbreviation(&toks[i - 1].lower);
            let next_opens = toks.get(i + 1).is_none_or(|n| {
                n.cap
                    || n.kind == TokKind::Number
                    || matches!(n.text.as_str(), "«" | "“" | "\"" | "–" | "—" | "-")
            });
            end = !prev_abbr && next_opens && !toks[i.saturating_sub(1)].initial;
        }
        if end || i + 1 == toks.len() {
            out.push(Sentence {
                start: toks[first].start,
                end: t.end,
                tokens: first..i + 1,
            });
            first = i + 1;
        } else if i + 1 - first >= MAX_SENTENCE_TOKENS {
            let cut = (first + MAX_SENTENCE_TOKENS / 2..i)
                .rev()
                .find(|&k| matches!(toks[k].text.as_str(), "," | ";" | ":"))
                .unwrap_or(i);
            out.push(Sentence {
                start: toks[first].start,
                end: toks[cut].end,
                tokens: first..cut + 1,
            });
            first = cut + 1;
        }
    }
    out
}

/// The article body ends before the first line of a trailing run of
/// navigation lines ("Қоғам • Бүгін, 21:00"): lines with a separator and a
/// time word or a clock time, among short headline lines.
fn find_body_end(c: &[char], lex: &Lexicon) -> usize {
    let text: String = c.iter().collect();
    let mut offset = 0; // char offset of the current line
    let mut nav_lines = 0;
    let mut first_nav: Option<usize> = None;
    let mut headline_start: Option<usize> = None;
    for line in text.split('\n') {
        let len = line.chars().count();
        let lower = line.to_lowercase();
        let is_nav = lex
            .boilerplate_separators()
            .iter()
            .any(|s| line.contains(s.as_str()))
            && (lex
                .boilerplate_timewords()
                .iter()
                .any(|w| lower.contains(w.as_str()))
                || has_clock(line));
        if is_nav {
            nav_lines += 1;
            if first_nav.is_none() {
                first_nav = Some(headline_start.unwrap_or(offset));
            }
            headline_start = None;
        } else if first_nav.is_none() {
            headline_start = None;
        } else if len > 0 && len < 100 && headline_start.is_none() {
            headline_start = Some(offset);
        }
        offset += len + 1;
    }
    match first_nav {
        Some(at) if nav_lines >= 2 => at,
        _ => c.len(),
    }
}

fn has_clock(line: &str) -> bool {
    let b = line.as_bytes();
    b.windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && w[2] == b':'
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_c_in_cyrillic_word_folds_and_keeps_offsets() {
        let (n, map) = normalize("Астана қалаcы");
        let s: String = n.iter().collect();
        assert_eq!(s, "Астана қаласы");
        assert_eq!(map.len(), n.len() + 1);
        assert_eq!(map[12], 12);
    }

    #[test]
    fn nfd_input_composes_and_maps_back() {
        let text = "Ми\u{0306}ра и";
        let (n, map) = normalize(text);
        let s: String = n.iter().collect();
        assert_eq!(s, "Мйра и");
        // "р" is the fourth char of the original (М, и, combining breve, р).
        assert_eq!(map[2], 3);
    }

    #[test]
    fn invisible_characters_drop_and_offsets_skip_them() {
        let (n, map) = normalize("Ер\u{200D}лан Қоша\u{00AD}нов\u{FEFF}");
        let s: String = n.iter().collect();
        assert_eq!(s, "Ерлан Қошанов");
        assert_eq!(map.len(), n.len() + 1);
        // "л" stands after the joiner, "н" of Қошанов after the soft hyphen.
        assert_eq!(map[2], 3);
        assert_eq!(map[10], 12);
        assert_eq!(map[n.len()], 16);
        // A combining grapheme joiner inside a cluster goes too.
        let (n, _) = normalize("Ми\u{034F}\u{0306}р");
        assert_eq!(n.iter().collect::<String>(), "Мйр");
    }

    #[test]
    fn control_characters_print_as_escapes() {
        assert_eq!(
            escape_controls("a\u{1b}[31mb\tc\nd\u{9b}\u{7f}\r"),
            "a\\u{1b}[31mb\tc\nd\\u{9b}\\u{7f}\\u{d}"
        );
        assert!(matches!(
            escape_controls("Ерлан Қошанов"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn lowercase_abbreviations_are_one_token() {
        let toks = tokenize(&"облыс әкімінің м.а. Берік".chars().collect::<Vec<_>>());
        let words: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(words, ["облыс", "әкімінің", "м.а.", "Берік"]);
        let toks = tokenize(&"и.о. председателя".chars().collect::<Vec<_>>());
        assert_eq!(toks[0].text, "и.о.");
        let toks = tokenize(&"И.о. председателя".chars().collect::<Vec<_>>());
        assert_eq!(toks[0].text, "И.о.");
        assert!(!toks[0].initial);
    }

    #[test]
    fn initials_and_domains_are_tokens() {
        let toks = tokenize(
            &"Ж.Базартай деп хабарлайды BAQ.KZ."
                .chars()
                .collect::<Vec<_>>(),
        );
        let words: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            words,
            ["Ж.", "Базартай", "деп", "хабарлайды", "BAQ.KZ", "."]
        );
        assert!(toks[0].initial);
    }

    #[test]
    fn fast_lowercase_agrees_with_unicode() {
        for c in ('\u{0}'..='\u{04FF}').chain(['İ', 'Ⅻ', 'Σ']) {
            let std = c.to_lowercase().next().unwrap();
            assert_eq!(lower_char(c), std, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn language_by_letters() {
        assert_eq!(
            detect_lang(&"Партия төрағасы сайланды".chars().collect::<Vec<_>>()),
            Lang::Kk
        );
        assert_eq!(
            detect_lang(
                &"Председатель партии БАЙТАҚ избран"
                    .chars()
                    .collect::<Vec<_>>()
            ),
            Lang::Ru
        );
        assert_eq!(
            detect_lang(&"The party leader".chars().collect::<Vec<_>>()),
            Lang::En
        );
    }
}
