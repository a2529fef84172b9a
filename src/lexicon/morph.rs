//! Morphology: lemma candidates of a word. Kazakh endings are stripped right
//! to left (case, possessive, plural, attributive, adjective) with consonant
//! alternation at the boundary; Russian endings are replaced by their lemma
//! endings; English possessives and plurals are dropped. Gazetteers decide
//! which candidate is real, so that Қарағанды and Қызылорда stay whole.
//!
//! `analyze("төрағалығына")` includes `төраға`; `analyze("Токаевым")`
//! includes `токаев`.

use super::SeedError;

impl Lemma {
    /// A one-step lemma in the masculine of a Russian adjective
    /// (Верховного → верховный, Свердловской → свердловский).
    pub fn is_ru_adjective(&self) -> bool {
        self.depth == 1
            && (self.text.ends_with("ий") || self.text.ends_with("ый") || self.text.ends_with("ой"))
    }
}

/// Grammatical case marked by the outermost ending stripped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Case {
    #[default]
    Nom,
    Gen,
    Acc,
    Dat,
    Loc,
    Abl,
    Ins,
}

impl Case {
    pub fn code(self) -> &'static str {
        match self {
            Case::Nom => "nom",
            Case::Gen => "gen",
            Case::Acc => "acc",
            Case::Dat => "dat",
            Case::Loc => "loc",
            Case::Abl => "abl",
            Case::Ins => "ins",
        }
    }

    fn parse(s: &str) -> Option<Option<Case>> {
        Some(Some(match s {
            "nom" => Case::Nom,
            "gen" => Case::Gen,
            "acc" => Case::Acc,
            "dat" => Case::Dat,
            "loc" => Case::Loc,
            "abl" => Case::Abl,
            "ins" => Case::Ins,
            "-" => return Some(None),
            _ => return None,
        }))
    }
}

/// One lemma candidate of a word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lemma {
    pub text: String,
    pub case: Case,
    /// A derivational ending was stripped (облыстық -> облыс, plural):
    /// such lemmas name a different thing than a proper name.
    pub derived: bool,
    /// Number of endings stripped.
    pub depth: u8,
}

#[derive(Debug)]
struct KkSuffix {
    text: String,
    case: Option<Case>,
    derived: bool,
    vowel_initial: bool,
}

#[derive(Debug)]
struct RuEnding {
    ending: String,
    replace: String,
    case: Case,
}

/// Suffix tables read from `seeds/morphology/`.
#[derive(Debug, Default)]
pub struct Morphology {
    /// Hyphenated prefixes a word may carry (экс-председатель).
    prefixes: Vec<String>,
    kk: Vec<KkSuffix>,
    alternations: Vec<(char, char)>,
    ru: Vec<RuEnding>,
}

const VOWELS: &str = "аәеиоөұүыіэюяё";

/// A narrow vowel (ы, і) in a stem's last syllable drops before a
/// vowel-initial ending: ауыл → аулы, орын → орны, халық → халқы. Given
/// the stem as seen (аул), the stem with the vowel put back (ауыл), its
/// harmony from the stem's other vowels.
fn restore_narrow_vowel(stem: &str) -> Option<String> {
    let chars: Vec<char> = stem.chars().collect();
    let n = chars.len();
    if n < 3 || chars[n - 2..].iter().any(|c| VOWELS.contains(*c)) {
        return None;
    }
    if !chars[..n - 2].iter().any(|c| VOWELS.contains(*c)) {
        return None;
    }
    let front = chars.iter().any(|c| "әеіөү".contains(*c));
    let mut out: String = chars[..n - 1].iter().collect();
    out.push(if front { 'і' } else { 'ы' });
    out.push(chars[n - 1]);
    Some(out)
}

impl Morphology {
    pub fn load(
        kk: &super::Table,
        alt: &super::Table,
        ru: &super::Table,
    ) -> Result<Self, SeedError> {
        let mut m = Morphology::default();
        for row in &kk.rows {
            let [text, category, case] = row.cols::<3>()?;
            let case =
                Case::parse(case).ok_or_else(|| row.error(format!("unknown case {case:?}")))?;
            m.kk.push(KkSuffix {
                vowel_initial: text.chars().next().is_some_and(|c| VOWELS.contains(c)),
                derived: category.starts_with("adjective") || category == "plural",
                text: text.to_string(),
                case,
            });
        }
        // Longer endings first, so that -ның is tried before -ы.
        m.kk.sort_by_key(|s| std::cmp::Reverse(s.text.chars().count()));
        for row in &alt.rows {
            let [a, b] = row.cols::<2>()?;
            let (Some(a), Some(b)) = (single(a), single(b)) else {
                return Err(row.error("each column must be one letter".into()));
            };
            m.alternations.push((a, b));
        }
        for row in &ru.rows {
            let [ending, replace, case] = row.cols::<3>()?;
            let case = Case::parse(case)
                .flatten()
                .ok_or_else(|| row.error(format!("unknown case {case:?}")))?;
            m.ru.push(RuEnding {
                ending: ending.into(),
                replace: replace.into(),
                case,
            });
        }
        Ok(m)
    }

    pub fn set_prefixes(&mut self, prefixes: Vec<String>) {
        self.prefixes = prefixes;
    }

    /// Every lemma candidate of a lowercase word, the word itself first.
    pub fn analyze(&self, lower: &str) -> Vec<Lemma> {
        if let Some(rest) = self
            .prefixes
            .iter()
            .find_map(|p| lower.strip_prefix(p.as_str()))
            .filter(|r| r.chars().count() >= 3)
        {
            // экс-председателя: the word, then the lemmas of what follows the prefix.
            let mut out = vec![Lemma {
                text: lower.to_string(),
                case: Case::Nom,
                derived: false,
                depth: 0,
            }];
            out.extend(self.analyze(rest).into_iter().map(|l| Lemma {
                depth: l.depth + 1,
                ..l
            }));
            return out;
        }
        let mut out = vec![Lemma {
            text: lower.to_string(),
            case: Case::Nom,
            derived: false,
            depth: 0,
        }];
        // A case ending written after a hyphen (АҚШ-тың, AMANAT-тың, ЕО-ға).
        if let Some((head, tail)) = lower.rsplit_once('-') {
            let mut tail_lemmas = Vec::new();
            self.kk_strip(&format!("xxx{tail}"), None, false, 0, &mut tail_lemmas);
            if let Some(l) = tail_lemmas.iter().find(|l| l.text == "xxx" && !l.derived) {
                out.push(Lemma {
                    text: head.to_string(),
                    case: l.case,
                    derived: false,
                    depth: 1,
                });
            }
        }
        if lower.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}')) {
            self.kk_strip(lower, None, false, 0, &mut out);
            self.ru_endings(lower, &mut out);
        } else if lower.chars().any(|c| c.is_ascii_alphabetic()) {
            en_endings(lower, &mut out);
        }
        out
    }

    fn kk_strip(
        &self,
        word: &str,
        case: Option<Case>,
        derived: bool,
        depth: u8,
        out: &mut Vec<Lemma>,
    ) {
        if depth >= 3 {
            return;
        }
        let len = word.chars().count();
        for s in &self.kk {
            let Some(stem) = word.strip_suffix(s.text.as_str()) else {
                continue;
            };
            if len - s.text.chars().count() < 3 {
                continue;
            }
            let case = case.or(s.case);
            let derived = derived || s.derived;
            let mut stems = vec![stem.to_string()];
            if s.vowel_initial {
                // Only a narrow-vowel ending drops the stem's narrow vowel (аул-ы).
                if s.text.starts_with(['ы', 'і']) {
                    if let Some(st) = restore_narrow_vowel(stem) {
                        stems.push(st);
                    }
                }
                if let Some(last) = stem.chars().last() {
                    for &(voiced, voiceless) in &self.alternations {
                        if last == voiced {
                            let mut alt = stem[..stem.len() - last.len_utf8()].to_string();
                            alt.push(voiceless);
                            stems.push(alt);
                        }
                    }
                }
            }
            for st in stems {
                if !out.iter().any(|l| l.text == st) {
                    out.push(Lemma {
                        text: st.clone(),
                        case: case.unwrap_or_default(),
                        derived,
                        depth: depth + 1,
                    });
                }
                self.kk_strip(&st, case, derived, depth + 1, out);
            }
        }
    }

    fn ru_endings(&self, word: &str, out: &mut Vec<Lemma>) {
        let len = word.chars().count();
        for e in &self.ru {
            let Some(stem) = word.strip_suffix(e.ending.as_str()) else {
                continue;
            };
            if len - e.ending.chars().count() < 2 {
                continue;
            }
            let lemma = format!("{stem}{}", e.replace);
            if !out.iter().any(|l| l.text == lemma) {
                out.push(Lemma {
                    text: lemma,
                    case: e.case,
                    derived: false,
                    depth: 1,
                });
            }
        }
    }
}

fn en_endings(word: &str, out: &mut Vec<Lemma>) {
    for (end, rep, derived) in [
        ("'s", "", false),
        ("’s", "", false),
        ("s'", "", false),
        ("ies", "y", true),
        ("es", "", true),
        ("s", "", true),
    ] {
        if let Some(stem) = word.strip_suffix(end) {
            if stem.chars().count() >= 3 {
                out.push(Lemma {
                    text: format!("{stem}{rep}"),
                    case: Case::Gen,
                    derived,
                    depth: 1,
                });
            }
        }
    }
}

fn single(s: &str) -> Option<char> {
    let mut it = s.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

#[cfg(test)]
mod tests {
    fn lemmas(w: &str) -> Vec<String> {
        crate::lexicon::default_lexicon()
            .unwrap()
            .morph
            .analyze(w)
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn kazakh_endings_stack_and_alternate() {
        for (form, lemma) in [
            ("ташибаевтың", "ташибаев"),
            ("астанада", "астана"),
            ("облыстық", "облыс"),
            ("филиалының", "филиал"),
            ("облысының", "облыс"),
            ("төрағалығына", "төраға"),
            ("екібастұздағы", "екібастұз"),
            ("сәрменбаевпен", "сәрменбаев"),
            ("үмбетәлиевті", "үмбетәлиев"),
            ("аулына", "ауыл"),
            ("халқының", "халық"),
        ] {
            assert!(
                lemmas(form).contains(&lemma.to_string()),
                "{form} -> {lemma}: {:?}",
                lemmas(form)
            );
        }
    }

    #[test]
    fn russian_endings_reach_the_lemma() {
        for (form, lemma) in [
            ("токаевым", "токаев"),
            ("ерлана", "ерлан"),
            ("алматинского", "алматинский"),
            ("председателем", "председатель"),
            ("партии", "партия"),
        ] {
            assert!(
                lemmas(form).contains(&lemma.to_string()),
                "{form} -> {lemma}: {:?}",
                lemmas(form)
            );
        }
    }

    #[test]
    fn proper_nouns_get_their_nominative() {
        let lex = crate::lexicon::default_lexicon().unwrap();
        for (form, lemma) in [
            ("Базартайға", "Базартай"),
            ("Жандосқа", "Жандос"),
            ("Павлодарда", "Павлодар"),
            ("Ақтөбеден", "Ақтөбе"),
            ("Сейітовтердің", "Сейітов"),
            ("Қайратқызының", "Қайратқызы"),
            ("Қарағанды", "Қарағанды"),
            ("Ерден", "Ерден"),
            ("Обама", "Обама"),
            ("Керей", "Керей"),
            // Names ending in a vowel do not decline.
            ("Нетаньяху", "Нетаньяху"),
            ("Шойгу", "Шойгу"),
            ("Лаврову", "Лавров"),
        ] {
            assert_eq!(lex.proper_lemma(form), lemma, "{form}");
        }
    }

    #[test]
    fn the_word_itself_comes_first_with_its_case() {
        let lex = crate::lexicon::default_lexicon().unwrap();
        let l = lex.morph.analyze("мәжілістің");
        assert_eq!(l[0].text, "мәжілістің");
        let m = l.iter().find(|x| x.text == "мәжіліс").unwrap();
        assert_eq!(m.case, super::Case::Gen);
        assert!(!m.derived);
        assert!(lex
            .morph
            .analyze("облыстық")
            .iter()
            .any(|x| x.text == "облыс" && x.derived));
    }
}
