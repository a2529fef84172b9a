//! Person names: a given name from the lexicon with a capitalized surname
//! (Name Surname, or Surname Name Patronymic), initials with a surname
//! (Ж.Базартай, Е.Ж.Жылқыбаев, А.МҰХАНБЕТҚАЛИ), and surnames alone when their
//! shape says so (-ов, -ева, -ұлы, -kyzy). Canonical forms are nominative:
//! Мұрат Ташибаевтың → Мұрат Ташибаев, Касым-Жомартом Токаевым → Касым-Жомарт Токаев.

use crate::lexicon::{Lemma, Lexicon};

/// The parts of a person's name, nominative.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonName {
    pub given: Option<String>,
    pub surname: Option<String>,
    pub patronymic: Option<String>,
    pub initials: String,
    /// As a person would write it, in the text's order.
    pub display: String,
}

/// A word as the person recognizer sees it.
pub struct W<'a> {
    pub text: &'a str,
    pub lower: &'a str,
    pub lemmas: &'a [Lemma],
    pub cap: bool,
    pub upper: bool,
    pub initial: bool,
    /// Already part of a party, organization or role name.
    pub taken: bool,
    /// Names a place or organization in the gazetteer.
    pub named: bool,
    /// Part of a role word (президент, канцлер, chairman).
    pub role: bool,
    /// The case that role word stands in.
    pub role_case: Option<crate::lexicon::Case>,
    /// A preposition of place (в, на, из).
    pub locative: bool,
    /// Inside quotation marks (a title or a name of a body, not a person).
    pub quoted: bool,
    pub first_in_sentence: bool,
}

use crate::text::recase as cased;

/// The given-name lemma of a word, with its gender.
pub fn given(lex: &Lexicon, w: &W) -> Option<(String, char)> {
    if !w.cap || w.upper && w.text.chars().count() > 3 && !w.text.contains('-') {
        return None;
    }
    let cands = || w.lemmas.iter().filter(|l| l.depth <= 1 && !l.derived);
    // Cyrillic names as written first; Latin spellings through their key.
    let latin = !w
        .lower
        .chars()
        .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    let exact = cands().find_map(|l| {
        let g = match lex.given_lower.get(&l.text) {
            Some(g) => *g,
            None if latin => *lex.given.get(&crate::text::translit::key(&l.text))?,
            None => return None,
        };
        Some((cased(w.text, &l.text), g))
    });
    exact.or_else(|| {
        cands().find_map(|l| {
            lex.given_gender(&l.text)
                .map(|g| (cased(w.text, &l.text), g))
        })
    })
}

/// The nominative surname of a word, preferring a lemma whose shape agrees
/// with the gender; else the proper noun's nominative (Базартайға → Базартай).
fn surname(lex: &Lexicon, w: &W, gender: Option<char>) -> String {
    let fits = |l: &Lemma| {
        lex.surname_shape(&l.text)
            .is_some_and(|(_, g, _)| gender.is_none() || g == '-' || Some(g) == gender)
    };
    if let Some(l) = w
        .lemmas
        .iter()
        .filter(|l| l.depth <= 2 && !l.derived)
        .find(|l| fits(l))
    {
        return cased(w.text, &l.text);
    }
    if w.upper {
        return w.text.to_string();
    }
    lex.proper_lemma(w.text)
}

fn capword(w: &W, lex: &Lexicon) -> bool {
    w.cap
        && !w.taken
        && !w.initial
        && !lex.stopwords.contains(w.lower)
        && w.text.chars().count() > 1
}

fn shaped(lex: &Lexicon, w: &W) -> Option<(bool, char, crate::lexicon::Alone)> {
    w.lemmas
        .iter()
        .filter(|l| l.depth <= 2 && !l.derived)
        .find_map(|l| lex.surname_shape(&l.text))
}

/// A name of given name, surname and patronymic, displayed in the text's
/// order (surname first in "Kazitov Seiful-Malik Turekhanovich").
fn full_name(
    given: String,
    surname: String,
    patronymic: Option<String>,
    surname_first: bool,
) -> PersonName {
    let (a, b) = if surname_first {
        (&surname, &given)
    } else {
        (&given, &surname)
    };
    let mut display = format!("{a} {b}");
    if let Some(p) = &patronymic {
        display.push(' ');
        display.push_str(p);
    }
    PersonName {
        given: Some(given),
        surname: Some(surname),
        patronymic,
        display,
        ..Default::default()
    }
}

/// A person name found at word `i`: (first word, end word, name). The name
/// may start one word before `i` (Surname Name order).
pub fn at(lex: &Lexicon, ws: &[W], i: usize) -> Option<(usize, usize, PersonName)> {
    let w = &ws[i];
    if w.taken {
        return None;
    }
    // Initials and a surname: Ж.Базартай, Е.Ж.Жылқыбаев, А.МҰХАНБЕТҚАЛИ.
    if w.initial {
        let mut j = i;
        let mut initials = String::new();
        while j < ws.len() && ws[j].initial {
            initials.push(ws[j].text.chars().next().unwrap_or('?'));
            j += 1;
        }
        let latin = |t: &str| {
            t.chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_ascii_alphabetic())
        };
        if j < ws.len()
            && ws[j].cap
            && !ws[j].taken
            && !ws[j].named
            && ws[j].text.chars().count() > 2
            && latin(ws[i].text) == latin(ws[j].text)
        {
            let s = surname(lex, &ws[j], None);
            let display = format!(
                "{}{}",
                initials
                    .chars()
                    .map(|c| format!("{c}."))
                    .collect::<String>(),
                s
            );
            let name = PersonName {
                surname: Some(s),
                initials,
                display,
                ..Default::default()
            };
            return Some((i, j + 1, name));
        }
        return None;
    }
    if let Some((g, gender)) = given(lex, w) {
        // Surname Name [Patronymic]: Kazitov Seiful-Malik Turekhanovich.
        let next_patr = ws
            .get(i + 1)
            .filter(|n| capword(n, lex) && shaped(lex, n).is_some_and(|s| s.0));
        if i > 0
            && capword(&ws[i - 1], lex)
            && !ws[i - 1].named
            && shaped(lex, &ws[i - 1]).is_some_and(|s| !s.0)
        {
            let s = surname(lex, &ws[i - 1], Some(gender));
            let patr = next_patr.map(|p| p.text.to_string());
            let end = i + 1 + patr.is_some() as usize;
            return Some((i - 1, end, full_name(g, s, patr, true)));
        }
        // Name Surname [Patronymic].
        if let Some(nw) = ws
            .get(i + 1)
            .filter(|n| capword(n, lex) && (!n.named || shaped(lex, n).is_some()))
        {
            let s = surname(lex, nw, Some(gender));
            let patr = ws
                .get(i + 2)
                .filter(|p| capword(p, lex) && shaped(lex, p).is_some_and(|s| s.0))
                .map(|p| p.text.to_string());
            let end = i + 2 + patr.is_some() as usize;
            return Some((i, end, full_name(g, s, patr, false)));
        }
        // A first name alone, capitalized inside a sentence (Азамат, Динара):
        // a person, even when the word is also a common noun (азамат,
        // бірлік), since only a name is capitalized there.
        if w.cap && !w.upper && !w.first_in_sentence && !w.quoted && !w.named && !w.role {
            let name = PersonName {
                given: Some(g.clone()),
                display: g,
                ..Default::default()
            };
            return Some((i, i + 1, name));
        }
        return None;
    }
    // Two or three adjacent capitalized Cyrillic words that no lexicon knows,
    // outside quotes: a name whose given name the lexicon lacks (Наото Кан,
    // Герольд Кемпинг, Хван Чжан Еп).
    let unknown = |x: &W| {
        capword(x, lex)
            && !x.named
            && !x.upper
            && !x.quoted
            && !x.role
            && x.text
                .chars()
                .all(|c| (crate::text::is_word_char(c) && !c.is_ascii_digit()) || c == '-')
            && !x.text.is_ascii()
    };
    // Not a sentence's first word (a capitalized common noun), nor a Russian
    // adjective before its noun (Южными Курилами, Верховного Совета).
    let adjective = w.lemmas.iter().any(Lemma::is_ru_adjective);
    if unknown(w)
        && !w.first_in_sentence
        && !adjective
        && ws.get(i + 1).is_some_and(unknown)
        && !unknown(&ws[i - 1])
        && !ws[i - 1].locative
    {
        let mut end = i + 2;
        while end < i + 4 && ws.get(end).is_some_and(unknown) {
            end += 1;
        }
        let parts: Vec<&W> = ws[i..end].iter().collect();
        let last = parts[parts.len() - 1];
        let s = surname(lex, last, None);
        let given: Vec<&str> = parts[..parts.len() - 1].iter().map(|p| p.text).collect();
        let g = given.join(" ");
        return Some((i, end, full_name(g, s, None, false)));
    }
    // An unknown Latin given name before a surname of unmistakable shape.
    if let Some(next) = ws.get(i + 1).filter(|n| latin_given(lex, w, n)) {
        let s = surname(lex, next, None);
        return Some((i, i + 2, full_name(w.text.into(), s, None, false)));
    }
    // A surname alone, when its shape is unmistakable.
    if capword(w, lex) && !w.named && !w.upper {
        use crate::lexicon::Alone;
        let alone = match shaped(lex, w) {
            Some((false, _, Alone::Yes)) => true,
            Some((false, _, Alone::MidSentence)) => !w.first_in_sentence,
            _ => false,
        };
        // A capitalized word no lexicon knows, right after a role word:
        // "президент Саркози", "канцлер Меркель".
        // In Russian a name after a role word agrees with it; a body after it
        // stands in the genitive or is an adjective (председатель Совета,
        // глава Свердловской области).
        let oblique = w
            .lemmas
            .iter()
            .any(|l| (l.depth == 1 && l.case == crate::lexicon::Case::Gen) || l.is_ru_adjective());
        let role_nominative = i > 0 && ws[i - 1].role_case == Some(crate::lexicon::Case::Nom);
        let after_role = i > 0
            && ws[i - 1].role
            && !w.first_in_sentence
            && !w.quoted
            && w.text.chars().count() > 2
            && !(oblique && role_nominative);
        if alone || after_role {
            let next_is_given = ws.get(i + 1).is_some_and(|n| given(lex, n).is_some());
            if !next_is_given && (!w.first_in_sentence || w.text.chars().count() > 5) {
                let s = surname(lex, w, None);
                return Some((
                    i,
                    i + 1,
                    PersonName {
                        surname: Some(s.clone()),
                        display: s,
                        ..Default::default()
                    },
                ));
            }
        }
    }
    None
}

/// A capitalized Latin word that no lexicon knows, right before a surname of
/// unmistakable shape: a given name the lexicon lacks (Darkhan Sultanbekov).
/// Not a month (In March Tokayev ...), nor a short title (Mr, Mrs, Dr).
fn latin_given(lex: &Lexicon, g: &W, surname: &W) -> bool {
    let latin = |t: &str| t.chars().all(|c| c.is_ascii_alphabetic() || c == '-');
    let shaped_alone = capword(surname, lex)
        && !surname.named
        && !surname.upper
        && matches!(
            shaped(lex, surname),
            Some((false, _, crate::lexicon::Alone::Yes))
        );
    shaped_alone
        && capword(g, lex)
        && !g.named
        && !g.upper
        && !g.quoted
        && !g.role
        && !g.locative
        && g.text.chars().count() >= 4
        && latin(g.text)
        && latin(surname.text)
        && !lex.months.contains_key(g.lower)
}
