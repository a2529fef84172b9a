//! The symbol row of a sentence: tagging (gazetteer, names, dates), then
//! building places, organizations and units from head words and unit rules.
//! The post rules read the built row in [`super::posts`].

use super::rules::{Rule, RuleKind};
use super::{Context, DateMention, Key};
use crate::lexicon::gazetteer::{Tag, WordView};
use crate::lexicon::{Case, Lemma, Lexicon};
use crate::text::translit::slug;
use crate::text::{Doc, TokKind};
use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

/// Lemma candidates of each distinct word, computed once per thread and
/// lexicon and shared by the articles that thread reads.
pub(crate) struct LemmaCache;

/// The lemma cache of one thread: the lexicon it was made with, and words.
type ThreadLemmas = (u64, HashMap<String, Rc<Vec<Lemma>>>);

thread_local! {
    static LEMMAS: std::cell::RefCell<ThreadLemmas> = Default::default();
}

/// Words kept per thread before the cache starts afresh.
const LEMMA_CACHE_WORDS: usize = 200_000;

impl LemmaCache {
    fn get(&mut self, lex: &Lexicon, lower: &str) -> Rc<Vec<Lemma>> {
        LEMMAS.with(|c| {
            let mut c = c.borrow_mut();
            if c.0 != lex.id || c.1.len() > LEMMA_CACHE_WORDS {
                c.0 = lex.id;
                c.1.clear();
            }
            if let Some(v) = c.1.get(lower) {
                return v.clone();
            }
            let v = Rc::new(lex.morph.analyze(lower));
            c.1.insert(lower.to_string(), v.clone());
            v
        })
    }
}

/// One symbol of a sentence's row.
#[derive(Clone, Debug)]
pub(crate) struct Sym {
    pub tag: String,
    pub case: Case,
    /// Span in chars of the folded text.
    pub start: usize,
    pub end: usize,
    pub key: Option<Key>,
    /// Where the entity's name stands, when not the whole symbol.
    pub name_span: Option<(usize, usize)>,
    /// Place candidates (lexicon indices) not yet resolved.
    pub places: Vec<usize>,
    pub role: Option<String>,
    /// The territory a role phrase names as the post's (Қазақстан Президенті).
    pub role_of: Option<Key>,
    pub level: Option<(String, bool, bool)>,
    pub event: Option<String>,
    pub date: Option<String>,
    /// Symbols merged into this one (a unit's place).
    pub inner: Vec<Sym>,
    pub cap: bool,
    pub quote: Option<usize>,
    /// Refers to an entity named earlier ("жаңа филиалдың"): no mention of its own.
    pub silent: bool,
    pub text: String,
    pub lemmas: Rc<Vec<Lemma>>,
    pub rule: String,
}

impl Sym {
    fn new(tag: &str, start: usize, end: usize, text: String) -> Sym {
        Sym {
            tag: tag.into(),
            case: Case::Nom,
            start,
            end,
            key: None,
            name_span: None,
            places: vec![],
            role: None,
            role_of: None,
            level: None,
            event: None,
            date: None,
            inner: vec![],
            cap: false,
            quote: None,
            silent: false,
            text,
            lemmas: Rc::new(vec![]),
            rule: String::new(),
        }
    }
}

fn is_quote(s: &str) -> bool {
    matches!(s, "«" | "»" | "“" | "”" | "„" | "\"" | "'" | "‘" | "’")
}

pub(crate) fn place_key(lex: &Lexicon, idx: usize, doc: &Doc) -> Key {
    let p = &lex.places[idx];
    let name = p.display(doc.lang.index());
    Key::Place {
        id: p.id.clone(),
        name,
        kind: p.kind.clone(),
    }
}

pub(crate) fn label(labels: &[String; 3], doc: &Doc) -> String {
    labels[doc.lang.index()].clone()
}

/// Chooses among places of one name: the kind asked for, else a city, a
/// region, a country, in that order.
fn choose_place(lex: &Lexicon, cands: &[usize], want: Option<&str>) -> Option<usize> {
    if let Some(w) = want {
        if let Some(&c) = cands.iter().find(|&&c| lex.places[c].kind == w) {
            return Some(c);
        }
    }
    for kind in [
        "city",
        "region",
        "country",
        "district",
        "village",
        "lake",
        "river",
        "sea",
        "mountains",
        "continent",
        "other",
    ] {
        if let Some(&c) = cands.iter().find(|&&c| lex.places[c].kind == kind) {
            return Some(c);
        }
    }
    cands.first().copied()
}

/// Pass 1: the row of a sentence from the gazetteer, person names and dates.
pub(crate) fn tag(
    doc: &Doc,
    si: usize,
    lex: &Lexicon,
    cache: &mut LemmaCache,
    dates: &[DateMention],
) -> Vec<Sym> {
    let sent = &doc.sentences[si];
    let mut toks = Vec::new();
    let mut quote: Option<usize> = None;
    let mut groups = 0;
    for t in sent.tokens.clone() {
        let tok = &doc.tokens[t];
        if is_quote(&tok.text) {
            let opening = matches!(tok.text.as_str(), "«" | "“" | "„")
                || (tok.text == "\"" && quote.is_none());
            if opening {
                groups += 1;
                quote = Some(si * 1000 + groups);
            } else {
                quote = None;
            }
            continue;
        }
        if tok.start >= doc.body_end {
            break;
        }
        toks.push((t, quote));
    }
    let lemmas: Vec<Rc<Vec<Lemma>>> = toks
        .iter()
        .map(|&(t, _)| {
            let tok = &doc.tokens[t];
            if tok.kind == TokKind::Word {
                cache.get(lex, &tok.lower)
            } else {
                Rc::new(vec![])
            }
        })
        .collect();
    let views: Vec<WordView> = toks
        .iter()
        .zip(&lemmas)
        .map(|(&(t, _), l)| WordView {
            lemmas: l,
            cap: doc.tokens[t].cap,
        })
        .collect();
    let n = toks.len();
    // Gazetteer, longest match left to right.
    let mut hits: Vec<Option<crate::lexicon::gazetteer::Hit>> = vec![None; n];
    let mut all_places: Vec<Vec<usize>> = vec![vec![]; n];
    let mut i = 0;
    while i < n {
        if doc.tokens[toks[i].0].kind != TokKind::Word {
            i += 1;
            continue;
        }
        // Head nouns read only in their own language's word order.
        let hs: Vec<_> = lex
            .gazetteer
            .hits_at(&views, i)
            .into_iter()
            .filter(|h| !matches!(&h.tag, Tag::OrgHead { lang, .. } if lang != doc.lang.code()))
            .collect();
        if let Some(h) = hs.first().cloned() {
            if matches!(h.tag, Tag::Place(_)) {
                all_places[i] = hs
                    .iter()
                    .filter(|x| x.len == h.len)
                    .filter_map(|x| match x.tag {
                        Tag::Place(p) => Some(p),
                        _ => None,
                    })
                    .collect();
            }
            let len = h.len;
            hits[i] = Some(h);
            i += len;
        } else {
            i += 1;
        }
    }
    let mut covered: Vec<Option<usize>> = vec![None; n];
    for (i, h) in hits.iter().enumerate() {
        if let Some(h) = h {
            for c in covered.iter_mut().skip(i).take(h.len) {
                *c = Some(i);
            }
        }
    }
    // Person names over words not taken by other names.
    let ws: Vec<super::persons::W> = toks
        .iter()
        .enumerate()
        .map(|(k, &(t, _))| {
            let tok = &doc.tokens[t];
            let cov = covered[k].and_then(|h| hits[h].as_ref());
            super::persons::W {
                text: &tok.text,
                lower: &tok.lower,
                lemmas: &lemmas[k],
                cap: tok.cap,
                upper: tok.upper,
                initial: tok.initial,
                taken: tok.kind != TokKind::Word
                    || cov.is_some_and(|h| {
                        // A one-word party name that is also a given name
                        // (Азат) yields to a person's name.
                        let given_name = matches!(h.tag, Tag::Party(_))
                            && h.len == 1
                            && tok.cap
                            && !tok.upper
                            && lex.given_gender(&tok.text).is_some();
                        !matches!(h.tag, Tag::Place(_)) && !given_name
                    }),
                named: cov.is_some_and(|h| matches!(h.tag, Tag::Place(_))),
                role: cov.is_some_and(|h| matches!(h.tag, Tag::Role(_))),
                role_case: cov
                    .filter(|h| matches!(h.tag, Tag::Role(_)))
                    .map(|h| h.case),
                locative: cov.is_some_and(|h| matches!(&h.tag, Tag::Cue(c) if c == "LOCATIVE")),
                quoted: toks[k].1.is_some(),
                first_in_sentence: k == 0,
            }
        })
        .collect();
    let mut persons: Vec<(usize, usize, super::PersonName)> = Vec::new();
    let mut k = 0;
    while k < n {
        match super::persons::at(lex, &ws, k) {
            Some((s, e, name))
                if (s..e).all(|j| !ws[j].taken) && persons.last().is_none_or(|p| p.1 <= s) =>
            {
                persons.push((s, e, name));
                k = e;
            }
            _ => k += 1,
        }
    }
    // The person whose name starts at each word, and the words inside names.
    let mut person_at: Vec<Option<usize>> = vec![None; n];
    let mut in_person = vec![false; n];
    for (p, (s, e, _)) in persons.iter().enumerate() {
        person_at[*s].get_or_insert(p);
        in_person[*s..*e].iter_mut().for_each(|x| *x = true);
    }
    // The dates are sorted and never overlap: the one that can hold a token
    // is the last that starts at or before it.
    let date_at = |tok: &crate::text::Token| {
        let i = dates.partition_point(|d| d.start <= tok.start);
        dates[..i].last().filter(|d| tok.end <= d.end)
    };
    // The row.
    let mut row = Vec::new();
    let mut k = 0;
    while k < n {
        let (t, q) = toks[k];
        let tok = &doc.tokens[t];
        if let Some(d) = date_at(tok) {
            let mut e = k + 1;
            while e < n && doc.tokens[toks[e].0].end <= d.end {
                e += 1;
            }
            let mut s = Sym::new(
                "DATE",
                tok.start,
                doc.tokens[toks[e - 1].0].end,
                String::new(),
            );
            s.date = Some(d.value.clone());
            row.push(s);
            k = e;
            continue;
        }
        if let Some((s, e, name)) = person_at[k].map(|p| &persons[p]) {
            let (start, end) = (doc.tokens[toks[*s].0].start, doc.tokens[toks[e - 1].0].end);
            let mut sym = Sym::new("PER", start, end, doc.slice(start, end));
            sym.case = lemmas[e - 1]
                .iter()
                .find(|l| l.case != Case::Nom && l.depth == 1)
                .map(|l| l.case)
                .unwrap_or_default();
            sym.key = Some(Key::Person(name.clone()));
            sym.rule = "person.name".into();
            sym.cap = true;
            row.push(sym);
            k = *e;
            continue;
        }
        if let Some(h) = hits[k].as_ref().filter(|_| !in_person[k]) {
            let e = k + h.len;
            let (start, end) = (tok.start, doc.tokens[toks[e - 1].0].end);
            let text = doc.slice(start, end);
            let mut sym = Sym::new("", start, end, text);
            sym.case = h.case;
            sym.cap = tok.cap;
            sym.quote = q;
            sym.lemmas = lemmas[k].clone();
            match &h.tag {
                Tag::Party(p) => {
                    sym.tag = "PARTY".into();
                    sym.key = Some(Key::Party(lex.parties[*p].id.clone()));
                    sym.rule = "gazetteer.party".into();
                }
                Tag::Place(_) => {
                    sym.tag = "PLACE".into();
                    sym.places = all_places[k].clone();
                    sym.rule = "gazetteer.place".into();
                }
                Tag::Org(o) => {
                    let org = &lex.orgs[*o];
                    sym.tag = "ORG".into();
                    sym.key = Some(Key::Org {
                        id: org.id.clone(),
                        name: label(&org.labels, doc),
                        kind: org.kind.clone(),
                    });
                    sym.rule = "gazetteer.organization".into();
                    // A place named inside the organization's name (Ministry
                    // of Justice of the Republic of Kazakhstan) is a place
                    // mention too.
                    // In Kazakh a quoted name is a title whose places are
                    // its own (« Егемен Қазақстан » газеті).
                    let mut j = if q.is_some() && doc.lang == crate::text::Lang::Kk {
                        e
                    } else {
                        k + 1
                    };
                    while j < e {
                        let place = lex.gazetteer.hits_at(&views, j).into_iter().find(|x| {
                            matches!(x.tag, Tag::Place(_))
                                && j + x.len <= e
                                && x.depth <= 1
                                && !x.derived
                        });
                        let Some(ph) = place else {
                            j += 1;
                            continue;
                        };
                        let Tag::Place(c) = ph.tag else {
                            unreachable!()
                        };
                        let (ps, pe) = (
                            doc.tokens[toks[j].0].start,
                            doc.tokens[toks[j + ph.len - 1].0].end,
                        );
                        let mut p = Sym::new("PLACE", ps, pe, doc.slice(ps, pe));
                        p.places = vec![c];
                        p.key = Some(place_key(lex, c, doc));
                        p.name_span = Some((ps, pe));
                        p.rule = "gazetteer.place_in_name".into();
                        sym.inner.push(p);
                        j += ph.len;
                    }
                }
                Tag::OrgHead { kind, after, .. } => {
                    sym.tag = "HEAD".into();
                    sym.level = Some((kind.clone(), *after, !after));
                }
                Tag::Role(r) => {
                    sym.tag = "ROLE".into();
                    sym.role = Some(r.clone());
                    sym.silent = h.derived;
                }
                Tag::Level { level, adj, head } => {
                    sym.tag = "LVL".into();
                    sym.level = Some((level.clone(), *adj, *head));
                }
                Tag::Cue(c) => {
                    let last = &doc.tokens[toks[e - 1].0].lower;
                    let plural = c == "BRANCH"
                        && lemmas[e - 1]
                            .iter()
                            .any(|l| l.depth > 0 && lex.is_plural(doc.lang.code(), &l.text, last));
                    sym.tag = if plural { format!("{c}PL") } else { c.clone() };
                }
                Tag::Event(ev) => {
                    sym.tag = "EVENT".into();
                    sym.event = Some(ev.clone());
                }
            }
            row.push(sym);
            k = e;
            continue;
        }
        let mut sym = Sym::new("W", tok.start, tok.end, tok.text.clone());
        sym.cap = tok.cap;
        sym.quote = q;
        sym.lemmas = lemmas[k].clone();
        if tok.kind == TokKind::Punct {
            sym.tag = match tok.text.as_str() {
                "," | ";" | ":" => "COMMA",
                "–" | "—" | "-" => "DASH",
                _ => "P",
            }
            .into();
        } else if tok.text.contains('.')
            && tok.text.chars().any(char::is_alphabetic)
            && !tok.initial
            // и.о., т.б.: letters and dots, an abbreviation rather than a domain
            && !tok.text.split('.').all(|part| part.chars().count() <= 1)
        {
            sym.tag = "ORG".into();
            sym.key = Some(Key::Org {
                id: slug(&tok.text),
                name: tok.text.clone(),
                kind: "media".into(),
            });
            sym.rule = "shape.domain".into();
        } else if let Some(rule) = org_shape(doc, tok, lex) {
            // An acronym (ФИДЕ, НАСА), or a Latin-script name in a Cyrillic
            // article (Facebook, Vestas): the name of an organization. A run
            // of Latin capitalized words is one name.
            let mut e = k + 1;
            if rule == "shape.latin_name" {
                while e < n
                    && doc.tokens[toks[e].0].cap
                    && org_shape(doc, &doc.tokens[toks[e].0], lex) == Some(rule)
                {
                    e += 1;
                }
            }
            let end = doc.tokens[toks[e - 1].0].end;
            let name = doc.slice(tok.start, end);
            sym.tag = "ORG".into();
            sym.end = end;
            sym.key = Some(Key::Org {
                id: slug(&name),
                name,
                kind: "other".into(),
            });
            sym.rule = rule.into();
            row.push(sym);
            k = e;
            continue;
        }
        row.push(sym);
        k += 1;
    }
    row
}

/// Whether a word no lexicon knows has the shape of an organization's name.
fn org_shape(doc: &Doc, tok: &crate::text::Token, lex: &Lexicon) -> Option<&'static str> {
    if tok.kind != TokKind::Word || tok.initial || lex.stopwords.contains(&tok.lower) {
        return None;
    }
    let letters = tok
        .text
        .chars()
        .filter(|c| crate::text::is_word_char(*c) && !c.is_ascii_digit())
        .count();
    let digits = tok.text.chars().any(|c| c.is_ascii_digit());
    let roman = tok.text.chars().all(|c| "IVXLCDMІХ".contains(c));
    // Two-letter acronyms are too often abbreviations (ГУ, ОС): the gazetteer
    // names the ones that are bodies (ЕС, ОО).
    if tok.upper && (3..=6).contains(&letters) && !roman && !digits {
        return Some("shape.acronym");
    }
    let latin = tok
        .text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if doc.lang != crate::text::Lang::En && tok.cap && latin && letters >= 3 && !roman && !digits {
        return Some("shape.latin_name");
    }
    None
}

/// A capitalized word that is the surname or given name of someone the
/// article names in full (Нетаньяху after Биньямин Нетаньяху, Марк after
/// Марк Цукерберг) is that person, unless two people share the word.
pub(crate) fn propagate_names(rows: &mut [Vec<Sym>]) {
    let mut known: HashMap<String, Option<super::PersonName>> = HashMap::default();
    for s in rows.iter().flatten() {
        if let Some(Key::Person(n)) = &s.key {
            if let (Some(g), Some(f)) = (&n.given, &n.surname) {
                for w in [g, f] {
                    let e = known
                        .entry(crate::text::lower(w))
                        .or_insert_with(|| Some(n.clone()));
                    if e.as_ref()
                        .is_some_and(|x| x.surname != n.surname || x.given != n.given)
                    {
                        *e = None;
                    }
                }
            }
        }
    }
    for s in rows.iter_mut().flatten() {
        if s.tag != "W" || !s.cap || s.quote.is_some() {
            continue;
        }
        let found = s
            .lemmas
            .iter()
            .filter(|l| l.depth <= 1 && !l.derived)
            .find_map(|l| known.get(&l.text).map(|n| (l.case, n)));
        if let Some((case, Some(n))) = found {
            s.tag = "PER".into();
            s.case = case;
            s.key = Some(Key::Person(n.clone()));
            s.rule = "person.named_before".into();
        }
    }
}

/// Counts the parties and places of a row into the article's context.
pub(crate) fn count(row: &[Sym], lex: &Lexicon, ctx: &mut Context) {
    for s in row {
        match (&s.key, s.tag.as_str()) {
            (Some(Key::Party(p)), _) => *ctx.party_counts.entry(p.clone()).or_default() += 1,
            (_, "PLACE") => {
                if let Some(c) = choose_place(lex, &s.places, None) {
                    *ctx.place_counts
                        .entry(lex.places[c].id.clone())
                        .or_default() += 1;
                }
            }
            _ => {}
        }
    }
}

fn head_level(s: &Sym) -> Option<&str> {
    s.level.as_ref().filter(|l| l.2).map(|l| l.0.as_str())
}

/// The places among symbols about to be merged into a larger name, resolved,
/// so that they stay place mentions inside it.
fn places_within(syms: &[Sym], lex: &Lexicon, doc: &Doc, want: Option<&str>) -> Vec<Sym> {
    syms.iter()
        .filter(|s| s.tag == "PLACE")
        .map(|s| {
            let mut s = s.clone();
            resolve_place(&mut s, lex, doc, want);
            s
        })
        .collect()
}

/// Merges `row[a..b]` into one organization symbol, in the case of its last word.
fn merge_org(
    row: &mut Vec<Sym>,
    a: usize,
    b: usize,
    key: Key,
    rule: &str,
    inner: Vec<Sym>,
    name_span: Option<(usize, usize)>,
) {
    let case = row[b - 1].case;
    merge(row, a, b, |m| {
        let name = match &key {
            Key::Org { name, .. } => name.clone(),
            _ => String::new(),
        };
        let mut s = Sym::new("ORG", m[0].start, m[m.len() - 1].end, name);
        s.key = Some(key);
        s.case = case;
        s.inner = inner;
        s.name_span = name_span;
        s.rule = rule.into();
        s
    });
}

/// Merges `row[a..b]` into one symbol built by `f` from the merged ones.
fn merge(row: &mut Vec<Sym>, a: usize, b: usize, f: impl FnOnce(&[Sym]) -> Sym) {
    let merged = f(&row[a..b]);
    row.splice(a..b, std::iter::once(merged));
}

/// The nominative name of a Russian organization read from its adjectives,
/// head and the words after it: "Федеральной миграционной службы России" →
/// "Федеральная миграционная служба России", "правительства Израиля" →
/// "правительство Израиля". The words after the head keep their case.
fn ru_org_name(lex: &Lexicon, doc: &Doc, syms: &[Sym], head: usize) -> String {
    let written = doc.slice(syms[0].start, syms[syms.len() - 1].end);
    let h = &syms[head];
    let Some(lemma) = h
        .lemmas
        .iter()
        .filter(|l| l.depth <= 1)
        .find(|l| lex.org_heads.iter().any(|x| x.0 == l.text))
        .map(|l| l.text.clone())
    else {
        return written;
    };
    if crate::text::lower(&h.text) == lemma {
        return written;
    }
    let cased = |like: &str, form: &str| -> String {
        let mut c = form.chars();
        match (like.chars().next(), c.next()) {
            (Some(l), Some(f)) if l.is_uppercase() => f.to_uppercase().chain(c).collect(),
            _ => form.to_string(),
        }
    };
    // The head's gender from its ending: служба, палата (f); правительство (n).
    let gender = match lemma.chars().last() {
        Some('а' | 'я') => 'f',
        Some('о' | 'е') => 'n',
        _ => 'm',
    };
    let mut words: Vec<String> = Vec::new();
    for (k, s) in syms.iter().enumerate() {
        let text = doc.slice(s.start, s.end);
        if k < head {
            let adj = s.lemmas.iter().find(|l| l.is_ru_adjective()).map(|l| {
                let stem = &l.text[..l.text.len() - "ый".len()];
                let velar = stem.ends_with(['г', 'к', 'х', 'ж', 'ш', 'ч', 'щ']);
                match gender {
                    'f' => format!("{stem}ая"),
                    'n' => format!("{stem}ое"),
                    _ if velar => format!("{stem}ий"),
                    _ => format!("{stem}ый"),
                }
            });
            words.push(adj.map_or(text.clone(), |a| cased(&text, &a)));
        } else if k == head {
            words.push(cased(&text, &lemma));
        } else {
            words.push(text);
        }
    }
    words.join(" ")
}

fn nominative(lex: &Lexicon, s: &Sym) -> String {
    // The word without its case ending, keeping a possessive (комиссиясының → комиссиясы).
    let lower = s.text.to_lowercase();
    let lemmas = lex.morph.analyze(&lower);
    let best = lemmas
        .iter()
        .find(|l| l.depth == 1 && l.case != Case::Nom && !l.derived && lower.starts_with(&l.text));
    match best {
        Some(l) => s.text.chars().take(l.text.chars().count()).collect(),
        None => s.text.clone(),
    }
}

/// Pass 2: places with their head nouns, organizations from head words,
/// maslikhats, then the unit rules.
pub(crate) fn build(
    mut row: Vec<Sym>,
    doc: &Doc,
    lex: &Lexicon,
    ctx: &Context,
    rules: &[Rule],
    last_unit: &mut Option<Key>,
) -> Vec<Sym> {
    let mut i = 0;
    while i < row.len() {
        let tag = row[i].tag.clone();
        let next_head = row.get(i + 1).and_then(head_level).map(String::from);
        // Түркістан облысы, Сырдария ауданы, Karaganda region.
        if let (true, Some(want)) = (tag == "PLACE", next_head.clone()) {
            let mut p = row[i].clone();
            if let Some(c) =
                choose_place(lex, &p.places, Some(&want)).filter(|&c| lex.places[c].kind == want)
            {
                p.places = vec![c];
                p.case = row[i + 1].case;
                p.name_span = Some((p.start, p.end));
                p.end = row[i + 1].end;
                row.splice(i..i + 2, std::iter::once(p));
            }
        // the city of Karaganda
        } else if let (Some(l), true) = (
            head_level(&row[i]).map(String::from),
            row.get(i + 1).is_some_and(|s| s.tag == "OF"),
        ) {
            if row.get(i + 2).is_some_and(|s| s.tag == "PLACE") {
                let mut p = row[i + 2].clone();
                if let Some(c) = choose_place(lex, &p.places, Some(&l)) {
                    p.places = vec![c];
                }
                p.name_span = Some((p.start, p.end));
                p.start = row[i].start;
                row.splice(i..i + 3, std::iter::once(p));
            }
        // Шаған ауылы, Талдыкөл көлі, Н.Ілиясов ауылы: a place the lexicon does not know.
        } else if let Some(kind) =
            next_head.filter(|k| matches!(k.as_str(), "village" | "lake" | "river"))
        {
            // A person's name makes a village's only with initials (Н.Ілиясов
            // ауылы); two words make one only inside a sentence ("Шағын ғана
            // ауыл" opens a sentence with an adjective).
            let initials = matches!(&row[i].key, Some(Key::Person(n)) if !n.initials.is_empty());
            // A Kazakh head noun names its place with a possessive ending
            // (Шаған ауылы); a bare one is a word of its own (ауыл шаруашылығы).
            let bare = doc.lang == crate::text::Lang::Kk
                && !row[i + 1].lemmas.iter().any(|l| l.depth >= 1);
            let stopword = lex.stopwords.contains(&row[i].text.to_lowercase());
            let words = if bare || stopword {
                0
            } else if (tag == "PER" && initials) || (tag == "W" && row[i].cap) {
                1
            } else if tag == "W" && i > 1 && row[i - 1].tag == "W" && row[i - 1].cap {
                2
            } else {
                0
            };
            if words > 0 && i + 1 >= words {
                let a = i + 1 - words;
                let (start, end) = (row[a].start, row[i].end);
                let name = nominative(
                    lex,
                    &Sym {
                        text: doc.slice(start, end),
                        ..row[i].clone()
                    },
                );
                let name = if tag == "PER" {
                    doc.slice(start, end)
                } else {
                    name
                };
                merge(&mut row, a, i + 2, |m| {
                    let mut p = Sym::new("PLACE", start, m[m.len() - 1].end, String::new());
                    p.key = Some(Key::Place {
                        id: slug(&name),
                        name: name.clone(),
                        kind: kind.clone(),
                    });
                    p.name_span = Some((start, end));
                    p.case = m[m.len() - 1].case;
                    p.rule = "head.place".into();
                    p
                });
                i = a;
            }
        }
        i += 1;
    }
    project_titles(&mut row);
    quoted_titles(&mut row, doc);
    // A one-word region name that is also a given name (Абай, Жамбыл), with
    // no head noun after it, names the person (Абайдың өлеңдері), unless its
    // case says where (Жамбылда, Абайға, Абайдан).
    for s in row.iter_mut() {
        let single = !s.text.contains(' ') && s.name_span.is_none();
        let regions_only =
            !s.places.is_empty() && s.places.iter().all(|&p| lex.places[p].kind == "region");
        let given = s
            .lemmas
            .iter()
            .filter(|l| l.depth <= 1 && !l.derived)
            .find(|l| lex.given_lower.contains_key(&l.text))
            .map(|l| (l.text.clone(), l.case));
        let Some((g, case)) =
            given.filter(|_| s.tag == "PLACE" && s.key.is_none() && single && regions_only)
        else {
            continue;
        };
        if matches!(case, Case::Loc | Case::Dat | Case::Abl) {
            continue;
        }
        let display = crate::text::recase(&s.text, &g);
        s.tag = "PER".into();
        s.places.clear();
        s.case = case;
        s.rule = "person.given_region_name".into();
        s.key = Some(Key::Person(super::persons::PersonName {
            given: Some(display.clone()),
            display,
            ..Default::default()
        }));
    }
    organizations(&mut row, doc, lex, ctx);
    party_bodies(&mut row, doc, lex, ctx);
    units(&mut row, doc, lex, ctx, rules);
    // A bare "филиал" after a unit was named refers to that unit.
    for s in row.iter_mut() {
        if s.tag == "UNIT" {
            *last_unit = s.key.clone();
        } else if s.tag == "BRANCH" {
            if let Some(u) = last_unit.clone() {
                s.tag = "UNIT".into();
                s.key = Some(u);
                s.silent = true;
                s.rule = "anaphor.branch".into();
            }
        }
    }
    // Places still ambiguous: the default reading.
    for s in row.iter_mut() {
        resolve_place(s, lex, doc, None);
    }
    row
}

fn resolve_place(s: &mut Sym, lex: &Lexicon, doc: &Doc, want: Option<&str>) {
    if s.tag == "PLACE" && s.key.is_none() {
        if let Some(c) = choose_place(lex, &s.places, want) {
            s.key = Some(place_key(lex, c, doc));
            if s.name_span.is_none() {
                s.name_span = Some((s.start, s.end));
            }
        }
    }
}

/// In Kazakh a place named inside a short quoted title is part of the
/// title, not a place mention: «Астана» концерттік залы, «Смарт Астана»
/// қосымшасы, «Абай және XXI ғасырдағы Қазақстан» мақаласы, the club
/// «Астана» өз алаңында. A title goes on into the sentence after its
/// closing quote; speech ends there (» , — деді), and its places stay.
fn quoted_titles(row: &mut [Sym], doc: &Doc) {
    /// The most symbols a quoted title has.
    const TITLE: usize = 6;
    if doc.lang != crate::text::Lang::Kk {
        return;
    }
    // Whether a lowercase word follows the closing quote after `end`.
    let goes_on = |end: usize| {
        let mut rest = doc.norm[end..].iter().skip_while(|c| c.is_whitespace());
        rest.next().is_some_and(|c| is_quote(&c.to_string()))
            && rest
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| c.is_lowercase())
    };
    for i in 0..row.len() {
        let Some(q) = row[i].quote.filter(|_| row[i].tag == "PLACE") else {
            continue;
        };
        let inside: Vec<usize> = (0..row.len())
            .filter(|&j| row[j].quote == Some(q))
            .collect();
        let last = row[*inside.last().expect("the place itself")].end;
        if inside.len() <= TITLE && goes_on(last) {
            row[i].tag = "W".into();
            row[i].key = None;
            row[i].places.clear();
        }
    }
}

/// A party name inside a quoted title with other words, before a word for a
/// project or programme («Кітап – AMANAT» жобасы), names the project, not
/// the party.
fn project_titles(row: &mut [Sym]) {
    /// How far after the title the word for a project may stand
    /// («Жер аманаты», «Ауыл аманаты» және т.б. жобалар).
    const REACH: usize = 8;
    for i in 0..row.len() {
        let Some(q) = row[i].quote.filter(|_| row[i].tag == "PARTY") else {
            continue;
        };
        let inside: Vec<usize> = (0..row.len())
            .filter(|&j| row[j].quote == Some(q))
            .collect();
        let last = *inside.last().expect("the party itself");
        let others = inside
            .iter()
            .any(|&j| j != i && matches!(row[j].tag.as_str(), "W" | "DASH" | "PLACE"));
        let project = row
            .iter()
            .skip(last + 1)
            .take(REACH)
            .any(|s| s.tag == "PROJECT");
        if others && project {
            row[i].tag = "W".into();
            row[i].key = None;
        }
    }
}

/// Organizations named by a head word: Мандат комиссиясы, Шымкент
/// университеті, «Абай-Дәулет» серіктестігі, Комиссия по конституционной
/// реформе; and maslikhats by their place or level.
fn organizations(row: &mut Vec<Sym>, doc: &Doc, lex: &Lexicon, ctx: &Context) {
    let mut i = 0;
    while i < row.len() {
        let tag = row[i].tag.clone();
        let before_head =
            tag == "HEAD" && row[i].cap && row.get(i + 1).is_some_and(|s| s.text == "по");
        if tag == "HEAD" && i > 0 && !before_head {
            let kind = row[i]
                .level
                .as_ref()
                .map(|l| l.0.clone())
                .unwrap_or_default();
            let head_nom = nominative(lex, &row[i]);
            // Quoted name before the head, or the head inside the quotes.
            let q = row[i - 1].quote;
            let mut a = i;
            while a > 0
                && q.is_some()
                && row[a - 1].quote == q
                && matches!(row[a - 1].tag.as_str(), "W" | "PLACE" | "PARTY")
            {
                a -= 1;
            }
            let quoted = a < i;
            // Russian puts its heads first (комитет России): capitalized
            // words before a head are no name of it.
            if !quoted && doc.lang != crate::text::Lang::Ru {
                while a > 0
                    && a + 3 > i
                    && (row[a - 1].tag == "W" && row[a - 1].cap || row[a - 1].tag == "PLACE")
                {
                    a -= 1;
                }
            }
            if !quoted && a == i && doc.lang == crate::text::Lang::Kk {
                a = kk_lowercase_name(row, i);
            }
            if a < i && !(a == i - 1 && row[a].tag == "W" && row[a].text.chars().count() < 3) {
                let name_end = row[i - 1].end;
                let (start, end) = (row[a].start, if quoted { name_end } else { row[i].end });
                let name_words = doc.slice(row[a].start, name_end);
                let name = if quoted {
                    name_words.clone()
                } else {
                    format!("{name_words} {head_nom}")
                };
                let place_in = row[a..i]
                    .iter()
                    .find(|s| s.tag == "PLACE")
                    .and_then(|s| choose_place(lex, &s.places, Some("city")));
                let id = match place_in {
                    Some(p) if a == i - 1 => format!("{}-{}", lex.places[p].id, slug(&kind)),
                    _ => slug(&name),
                };
                let rule = if quoted {
                    "head.quoted_org"
                } else {
                    "head.named_org"
                };
                // A place inside the name (Шымкент университеті) is a place
                // mention too.
                let inner = places_within(&row[a..i], lex, doc, None);
                merge_org(
                    row,
                    a,
                    i + 1,
                    Key::Org { id, name, kind },
                    rule,
                    inner,
                    Some((start, end)),
                );
                i = a + 1;
                continue;
            }
        }
        // Комиссия по конституционной реформе.
        if before_head {
            // Комиссия по конституционной реформе: "по", adjectives, a noun.
            let adjective = |x: &Sym| x.lemmas.iter().any(Lemma::is_ru_adjective);
            let mut b = i + 2;
            while b < row.len()
                && b < i + 6
                && row[b].tag == "W"
                && !row[b].cap
                && row[b].text != "по"
            {
                let adj = adjective(&row[b]);
                b += 1;
                if !adj {
                    break;
                }
            }
            if b > i + 2 {
                let rest = doc.slice(row[i + 1].start, row[b - 1].end);
                let name = format!("{} {rest}", lex.proper_lemma(&row[i].text));
                let kind = row[i]
                    .level
                    .as_ref()
                    .map(|l| l.0.clone())
                    .unwrap_or_default();
                merge_org(
                    row,
                    i,
                    b,
                    Key::Org {
                        id: slug(&name),
                        name,
                        kind,
                    },
                    "head.ru_org",
                    vec![],
                    None,
                );
            }
        } else if tag == "HEAD" && doc.lang == crate::text::Lang::Ru {
            // Совет Федерации, Институт Карнеги, Конституционного суда, Исламского
            // комитета России: capitalized adjectives, a head, and the
            // capitalized words after it.
            // Федеральной миграционной службы: a run of adjectives whose
            // first word is capitalized.
            let ru_adjective =
                |x: &Sym| x.tag == "W" && x.lemmas.iter().any(Lemma::is_ru_adjective);
            let mut a = i;
            while a > 0 && a + 3 > i && ru_adjective(&row[a - 1]) {
                a -= 1;
            }
            while a < i && !row[a].cap {
                a += 1;
            }
            let mut b = i + 1;
            while b < row.len()
                && b < i + 4
                && (row[b].tag == "W" && row[b].cap
                    || matches!(row[b].tag.as_str(), "PLACE" | "ORG"))
            {
                b += 1;
            }
            // правительства Израиля: a body of the country or region named.
            let of_place = b == i + 2 && row[i + 1].tag == "PLACE" && row[i + 1].case == Case::Gen;
            if a < i || (row[i].cap || of_place) && b > i + 1 {
                let name = ru_org_name(lex, doc, &row[a..b], i - a);
                let kind = row[i]
                    .level
                    .as_ref()
                    .map(|l| l.0.clone())
                    .unwrap_or_default();
                let inner = places_within(&row[i + 1..b], lex, doc, None);
                merge_org(
                    row,
                    a,
                    b,
                    Key::Org {
                        id: slug(&name),
                        name,
                        kind,
                    },
                    "head.ru_named_org",
                    inner,
                    None,
                );
                i = a;
            }
        }
        // аудандық мәслихат, Сырдария аудандық мәслихаты.
        if let Some((suffix, words)) = lex.local_bodies.get(&tag) {
            let mut a = i;
            let mut level = None;
            let mut place = None;
            if a > 0 && row[a - 1].tag == "LVL" {
                level = row[a - 1].level.as_ref().map(|l| l.0.clone());
                a -= 1;
            }
            if a > 0 && row[a - 1].tag == "PLACE" {
                place = choose_place(lex, &row[a - 1].places, level.as_deref())
                    .map(|p| lex.places[p].id.clone());
                a -= 1;
            }
            let place = place.or_else(|| level.as_deref().and_then(|l| ctx.place_of_level(lex, l)));
            let mut b = i + 1;
            // маслихат Тараза: Russian names the place after the body.
            let (place, before) = match (place, a < i) {
                (Some(p), true) => (Some(p), true),
                _ => match ru_place_after(row, i, doc, lex) {
                    Some(p) => {
                        b = i + 2;
                        (Some(p), true)
                    }
                    None => (None, false),
                },
            };
            if let (Some(p), true) = (place, before) {
                let pl = lex.place(&p).expect("place id");
                let name = format!("{} {}", label(&pl.labels, doc), words[doc.lang.index()]);
                let id = format!("{p}-{suffix}");
                let kind = suffix.clone();
                let inner = places_within(&row[a..b], lex, doc, level.as_deref());
                merge_org(
                    row,
                    a,
                    b,
                    Key::Org { id, name, kind },
                    "head.local_body",
                    inner,
                    None,
                );
                i = a;
            }
        }
        i += 1;
    }
}

/// A party's faction and wings: «Ауыл» фракциясы, фракции КПРФ, the AMANAT
/// faction, партияның әйелдер қанаты, женского крыла ОСДП. The party is the
/// one named beside the word, else, for a wing or a qualified faction
/// ("парламентской фракции"), the one the article is about; a bare
/// "фракция" names no body.
fn party_bodies(row: &mut Vec<Sym>, doc: &Doc, lex: &Lexicon, ctx: &Context) {
    let party_of = |s: Option<&Sym>| match s.and_then(|s| s.key.as_ref()) {
        Some(Key::Party(p)) => Some(p.clone()),
        _ => None,
    };
    let mut i = 0;
    while i < row.len() {
        let wing = row[i].tag == "HEAD" && row[i].level.as_ref().is_some_and(|l| l.0 == "wing");
        if !(wing || row[i].tag == "FACTION" && row[i].key.is_none()) {
            i += 1;
            continue;
        }
        let prev = i.checked_sub(1).map(|k| &row[k]);
        let next = row.get(i + 1);
        let qualified = wing
            || prev.is_some_and(|s| {
                s.tag == "PARTYW"
                    || s.tag == "W" && !s.cap && s.lemmas.iter().any(Lemma::is_ru_adjective)
            });
        let party = party_of(prev)
            .or_else(|| party_of(next))
            .or_else(|| {
                next.filter(|s| s.tag == "PARTYW")
                    .and_then(|_| party_of(row.get(i + 2)))
            })
            .or_else(|| qualified.then(|| ctx.main_party()).flatten());
        let Some(party) = party else {
            i += 1;
            continue;
        };
        let kind = if wing { "wing" } else { "faction" };
        // A Russian head of two words has no one-word lemma: as written.
        let word = if wing && doc.lang == crate::text::Lang::Ru {
            row[i].text.clone()
        } else {
            nominative(lex, &row[i])
        };
        let name = match lex.parties.iter().find(|p| p.id == party) {
            Some(p) if doc.lang == crate::text::Lang::Ru => {
                format!("{word} {}", label(&p.labels, doc))
            }
            Some(p) => format!("{} {word}", label(&p.labels, doc)),
            None => word,
        };
        let key = Key::Org {
            id: format!("{party}-{kind}"),
            name,
            kind: kind.into(),
        };
        if wing {
            merge_org(row, i, i + 1, key, "head.party_wing", vec![], None);
        } else {
            row[i].key = Some(key);
            row[i].rule = "head.party_faction".into();
        }
        i += 1;
    }
}

/// The start of a Kazakh name whose head follows lowercase words: a place
/// (named or of the genitive) or a capitalized word, then up to five
/// lowercase words in the nominative, "және" between two of them: Алматы
/// қаласы аумақтық сайлау комиссиясы, Павлодар энергетика және көлік
/// колледжі, Қазақстанның жағалаудағы футбол федерациясы. Without such a
/// start ("Аталған қауымдастық", "көпбалалы аналар бірлестігі", a first
/// word of a sentence) the head
/// names no body: `i` is returned.
fn kk_lowercase_name(row: &[Sym], i: usize) -> usize {
    let word = |s: &Sym| s.tag == "W" && !s.cap && s.case == Case::Nom;
    let mut k = i;
    while k > 0 && i - k < 5 && (word(&row[k - 1]) || row[k - 1].tag == "AND" && k < i) {
        k -= 1;
    }
    // "және" joins two words of the name; it never opens it.
    while k < i && row[k].tag == "AND" {
        k += 1;
    }
    if k == i || k == 0 {
        return i;
    }
    let start = &row[k - 1];
    let anchored = match start.tag.as_str() {
        "PLACE" => matches!(start.case, Case::Nom | Case::Gen),
        // A sentence's first word is capitalized whatever it is.
        "W" => k > 1 && start.cap && start.case == Case::Nom && start.quote.is_none(),
        _ => false,
    };
    if anchored {
        k - 1
    } else {
        i
    }
}

/// The place a Russian local body names right after it ("маслихата
/// Атырау", "маслихат Тараза", "акимата Павлодарской области").
fn ru_place_after(row: &[Sym], i: usize, doc: &Doc, lex: &Lexicon) -> Option<String> {
    let next = row.get(i + 1)?;
    if doc.lang != crate::text::Lang::Ru || next.tag != "PLACE" {
        return None;
    }
    choose_place(lex, &next.places, None).map(|p| lex.places[p].id.clone())
}

/// Renders a row as the words that rules match: " TAG/case" each.
pub(crate) fn tags(row: &[Sym]) -> (String, Vec<usize>) {
    let mut s = String::new();
    let mut at = Vec::with_capacity(row.len());
    for sym in row {
        at.push(s.len());
        s.push(' ');
        s.push_str(&sym.tag);
        s.push('/');
        s.push_str(sym.case.code());
    }
    (s, at)
}

/// Symbol index range of a byte range of the tag string.
pub(crate) fn sym_range(at: &[usize], m: regex::Match) -> std::ops::Range<usize> {
    let a = at.partition_point(|&p| p < m.start());
    let b = at.partition_point(|&p| p < m.end());
    a..b
}

fn units(row: &mut Vec<Sym>, doc: &Doc, lex: &Lexicon, ctx: &Context, rules: &[Rule]) {
    for rule in rules
        .iter()
        .filter(|r| r.kind == RuleKind::Unit && r.applies_to(doc.lang))
    {
        loop {
            let (t, at) = tags(row);
            let mut applied = false;
            for c in rule.regex.captures_iter(&t) {
                let whole = sym_range(&at, c.get(0).expect("every match has its group 0"));
                // place2: the place in a rule's second alternative.
                let group = |name: &str| {
                    c.name(name)
                        .or_else(|| (name == "place").then(|| c.name("place2")).flatten())
                        .map(|m| sym_range(&at, m))
                };
                let party = group("party")
                    .and_then(|r| {
                        row[r].iter().find_map(|s| match &s.key {
                            Some(Key::Party(p)) => Some(p.clone()),
                            _ => None,
                        })
                    })
                    .or_else(|| {
                        row.get(whole.end).and_then(|s| match &s.key {
                            Some(Key::Party(p)) => Some(p.clone()),
                            _ => None,
                        })
                    })
                    .or_else(|| ctx.main_party());
                let Some(party) = party else { continue };
                let lvl = group("lvl").and_then(|r| {
                    row[r]
                        .iter()
                        .rev()
                        .find_map(|s| s.level.as_ref().map(|l| l.0.clone()))
                });
                let place_sym = group("place").and_then(|r| {
                    row[r.clone()]
                        .iter()
                        .position(|s| s.tag == "PLACE")
                        .map(|p| p + r.start)
                });
                let level = match (&lvl, place_sym) {
                    (Some(l), _) => l.clone(),
                    (None, Some(p)) => match &row[p].key {
                        Some(Key::Place { kind, .. }) => kind.clone(),
                        _ => choose_place(lex, &row[p].places, None)
                            .map(|c| lex.places[c].kind.clone())
                            .unwrap_or_default(),
                    },
                    (None, None) => continue,
                };
                if !matches!(
                    level.as_str(),
                    "region" | "city" | "district" | "primary" | "village"
                ) {
                    continue;
                }
                let mut inner = Vec::new();
                let place = match place_sym {
                    Some(p) => {
                        let mut ps = row[p].clone();
                        resolve_place(&mut ps, lex, doc, Some(&level));
                        let id = match &ps.key {
                            Some(Key::Place { id, .. }) => Some(id.clone()),
                            _ => None,
                        };
                        inner.push(ps);
                        id
                    }
                    None => ctx.place_of_level(lex, &level),
                };
                if place.is_none() && level != "primary" {
                    continue;
                }
                // The unit's own words: from its place or level to the branch word.
                let first = group("place")
                    .or(group("lvl"))
                    .or(group("branch"))
                    .map(|r| r.start)
                    .unwrap_or(whole.start);
                let first = first.min(group("branch").map(|r| r.start).unwrap_or(first));
                let branch_end = group("branch").map(|r| r.end).unwrap_or(whole.end);
                let span = (
                    row[first].start,
                    row[branch_end - 1]
                        .end
                        .max(row[whole.end - 1].end.min(row[branch_end - 1].end)),
                );
                for s in &row[whole.clone()] {
                    if s.tag == "PARTY" {
                        inner.push(s.clone());
                    }
                }
                let case = row[whole.end - 1].case;
                let key = Key::Unit {
                    party,
                    place,
                    level,
                };
                let rid = rule.id.clone();
                merge(row, whole.start, whole.end, |m| {
                    let mut s = Sym::new("UNIT", m[0].start, m[m.len() - 1].end, String::new());
                    s.key = Some(key);
                    s.name_span = Some(span);
                    s.case = case;
                    s.inner = inner;
                    s.rule = rid;
                    s
                });
                applied = true;
                break;
            }
            if !applied {
                break;
            }
        }
    }
}
