//! Posts and role mentions from a built symbol row: the post rules of
//! `seeds/rules/posts_*.rules`, council seats across two sentences, titles read
//! as one role phrase (`seeds/rules/roles.rules`), and the mentions and role
//! words the row names.

use super::rules::{Rule, RuleKind};
use super::symbols::{place_key, sym_range, tags, Sym};
use super::{Context, Extraction, Key, Mention, Owner, PostClaim, RoleMention};
use crate::lexicon::Lexicon;
use crate::text::Doc;
use std::ops::Range;

/// People admitted to a body's council in one sentence ("филиалының саяси
/// кеңесінің құрамына 15 кандидат қабылданды") and named in the next
/// ("Олардың ішінде … Тәңірберген Бердоңғар да бар"): the body and where
/// the first sentence says it.
pub(crate) struct Admission {
    org: Key,
    role_span: (usize, usize),
    start: usize,
    date: Option<String>,
}

/// Reads council admissions across two sentences: returns the admission this
/// sentence announces, and gives the people of an AMONG sentence after one
/// their council seat.
pub(crate) fn council_admissions(
    row: &[Sym],
    si: usize,
    ctx: &Context,
    before: Option<Admission>,
    out: &mut Extraction,
) -> Option<Admission> {
    let sent = &out.doc.sentences[si];
    if let Some(a) = before {
        if row.iter().take(3).any(|s| s.tag == "AMONG") {
            for s in row.iter().filter(|s| s.tag == "PER") {
                let Some(person @ Key::Person(_)) = s.key.clone() else {
                    continue;
                };
                if out
                    .posts
                    .iter()
                    .any(|p| p.person == person && p.role == "council_member" && p.org == a.org)
                {
                    continue;
                }
                out.posts.push(PostClaim {
                    person,
                    role: "council_member".into(),
                    role_span: a.role_span,
                    org: a.org.clone(),
                    status: "start".into(),
                    date: a.date.clone(),
                    evidence: (a.start, sent.end.min(out.doc.body_end)),
                    rule: format!("{}.post.among_admitted", out.doc.lang.code()),
                    acting: false,
                    decided: true,
                });
            }
        }
    }
    // COUNCIL INTO: "… саяси кеңесінің құрамына", "в состав политсовета".
    let into = row.iter().position(|s| s.tag == "INTO")?;
    let council =
        (into.saturating_sub(1)..(into + 4).min(row.len())).find(|&k| row[k].tag == "COUNCIL")?;
    let owner = row[..council.min(into)]
        .iter()
        .rev()
        .take(2)
        .find(|s| matches!(s.tag.as_str(), "UNIT" | "PARTY" | "ORG" | "PARTYW"));
    let org = match owner {
        Some(s) if s.tag == "PARTYW" => ctx.main_party().map(Key::Party),
        Some(s) => s.key.clone(),
        None => row
            .iter()
            .skip(council + 1)
            .take(3)
            .find_map(|s| {
                s.key
                    .clone()
                    .filter(|_| matches!(s.tag.as_str(), "UNIT" | "PARTY"))
            })
            .or_else(|| ctx.main_party().map(Key::Party)),
    }?;
    Some(Admission {
        org,
        role_span: (row[council].start, row[council].end),
        start: sent.start,
        date: row
            .iter()
            .find_map(|s| s.date.clone().filter(|d| d.len() == 10)),
    })
}

/// Deputies by a mandate: "мандатты А, Б және В алды", "мандат
/// алғандардың қатарында А, Б": each person named after the word of a
/// received mandate holds a seat of the elected body (parliament chamber,
/// maslikhat) this sentence names before it, else the last one the article
/// named (`body`, kept across sentences). A namesake (М.Әуезов атындағы)
/// holds nothing.
pub(crate) fn mandates(row: &[Sym], si: usize, body: &mut Option<Key>, out: &mut Extraction) {
    let elected = |s: &Sym| match &s.key {
        Some(k @ Key::Org { kind, .. }) if matches!(kind.as_str(), "parliament" | "maslikhat") => {
            Some(k.clone())
        }
        _ => None,
    };
    let mandate = row
        .iter()
        .position(|s| matches!(s.tag.as_str(), "MANDATE" | "GOTMANDATE"));
    let got = mandate
        .is_some_and(|m| row[m].tag == "GOTMANDATE" || row[m..].iter().any(|s| s.tag == "GOT"));
    if let (Some(m), true) = (mandate, got) {
        let org = row[..m]
            .iter()
            .rev()
            .find_map(elected)
            .or_else(|| body.clone());
        if let Some(org) = org {
            let sent = &out.doc.sentences[si];
            let evidence = (sent.start, sent.end.min(out.doc.body_end));
            let named = |i: usize| {
                row.get(i + 1).is_some_and(|s| s.tag == "NAMED")
                    || (i > 0 && row[i - 1].tag == "NAMED")
            };
            for (i, s) in row.iter().enumerate().skip(m + 1) {
                let Some(person @ Key::Person(_)) = s.key.clone() else {
                    continue;
                };
                if s.tag != "PER" || named(i) {
                    continue;
                }
                if out
                    .posts
                    .iter()
                    .any(|p| p.person == person && p.role == "deputy" && p.org == org)
                {
                    continue;
                }
                out.posts.push(PostClaim {
                    person,
                    role: "deputy".into(),
                    role_span: (row[m].start, row[m].end),
                    org: org.clone(),
                    status: "start".into(),
                    date: row.iter().find_map(|s| s.date.clone()),
                    evidence,
                    rule: format!("{}.post.mandate_received", out.doc.lang.code()),
                    acting: false,
                    decided: true,
                });
            }
        }
    }
    if let Some(k) = row.iter().rev().find_map(elected) {
        *body = Some(k);
    }
}

/// Titles read as one role phrase (`kind: role` rules): the role symbol
/// takes in the territory before it, whose own mention falls silent; the
/// territory stays the role's jurisdiction. Runs after the posts were read,
/// so that the post rules still see the place as the post's organization;
/// returns each widened role span as (old start, end, new start). The
/// president's title of the article's own country (`home`) whose holder the
/// sentence names (`held`: its posts) keeps the country's mention: the
/// post's organization is that country, often named nowhere else in the
/// article ("Қазақстан Президенті Х").
pub(crate) fn role_phrases(
    row: &mut [Sym],
    doc: &Doc,
    rules: &[Rule],
    held: &[PostClaim],
    home: Option<&str>,
) -> Vec<(usize, usize, usize)> {
    let mut widened = Vec::new();
    for rule in rules
        .iter()
        .filter(|r| r.kind == RuleKind::Role && r.applies_to(doc.lang))
    {
        let (t, at) = tags(row);
        type Found = (Range<usize>, Range<usize>, Option<Range<usize>>);
        let found: Vec<Found> = rule
            .regex
            .captures_iter(&t)
            .filter_map(|c| {
                let of = sym_range(&at, c.name("of")?);
                let role = sym_range(&at, c.name("role")?);
                let body = c.name("body").map(|m| sym_range(&at, m));
                Some((of, role, body))
            })
            .collect();
        for (of, role, body) in found {
            let Some(r) = role.clone().last() else {
                continue;
            };
            if row[r].role.is_none() || row[r].silent || of.is_empty() {
                continue;
            }
            let start = row[of.start].start;
            let key = row[of.clone()]
                .iter()
                .find(|s| s.tag == "PLACE")
                .and_then(|s| s.key.clone());
            // Words between the territory and the role word (`body`: a
            // state's body, "АҚШ Мемлекеттік хатшысы") make a title only
            // of a country's office.
            let country = matches!(&key, Some(Key::Place { kind, .. }) if kind == "country");
            if body.is_some() && !country {
                continue;
            }
            let span = (row[r].start, row[r].end);
            let home_title =
                matches!(&key, Some(Key::Place { id, .. }) if Some(id.as_str()) == home);
            let holder_named = home_title
                && held.iter().any(|p| {
                    p.role_span == span && p.role == "president" && Some(&p.org) == key.as_ref()
                });
            for s in &mut row[of] {
                if s.tag == "PLACE" && !holder_named {
                    s.silent = true;
                }
            }
            widened.push((row[r].start, row[r].end, start));
            row[r].start = start;
            row[r].role_of = key;
            row[r].rule = rule.id.clone();
        }
    }
    widened
}

/// The role a symbol names: a role word's, or the chair for a verb of
/// heading a body (HEADS: heads, возглавляет; HEADED: headed, возглавлял).
fn role_of(s: &Sym) -> Option<String> {
    match s.tag.as_str() {
        "HEADS" | "HEADED" => Some("chair".into()),
        _ => s.role.clone(),
    }
}

/// The role of a deputy's word before a head's title ("deputy ... chairman"):
/// the head's deputy, if the word names a deputy and the title a head.
fn deputy_of(word: &Sym, role: &str) -> Option<String> {
    let deputy = matches!(word.role.as_deref(), Some("deputy" | "deputy_chair"));
    (deputy && role == "chair").then(|| "deputy_chair".into())
}

/// A rule's `office` group says that a bare title of a party's own office
/// (first deputy chairman X, secretaries X and Y) is an office of the party
/// the article is about; other bare titles (chairman, deputy) name no body.
fn party_office(role: &str, office: bool) -> bool {
    office && matches!(role, "deputy_chair" | "secretary" | "executive_secretary")
}

/// The person a pronoun points to when its own sentence names one before it
/// ("Байбек проработал шесть лет, когда он был акимом"): the nearest.
fn pronoun_antecedent(before: &[Sym]) -> Option<Key> {
    before
        .iter()
        .rev()
        .find_map(|s| match (&s.tag[..], &s.key) {
            ("PER", Some(k @ Key::Person(_))) => Some(k.clone()),
            _ => None,
        })
}

fn first_key(row: &[Sym], r: std::ops::Range<usize>) -> Option<Key> {
    row[r].iter().find_map(|s| s.key.clone())
}

/// The role a match gives and the symbols that say it: the role word of
/// the group `role`, else the rule's own `role:` key, said by the group
/// `verb` or the whole match ("партия қатарынан шықты": member).
fn rule_role(
    row: &[Sym],
    rule: &Rule,
    role: Option<std::ops::Range<usize>>,
    verb: Option<std::ops::Range<usize>>,
    whole: Option<std::ops::Range<usize>>,
) -> Option<(String, std::ops::Range<usize>, (usize, usize))> {
    match (role, &rule.role) {
        (Some(rr), key) => {
            let s = &row[rr.start];
            let role = key.clone().or_else(|| role_of(s))?;
            Some((role, rr, (s.start, s.end)))
        }
        (None, Some(key)) => {
            let r = verb.or(whole).filter(|r| !r.is_empty())?;
            let span = (row[r.start].start, row[r.end - 1].end);
            Some((key.clone(), r, span))
        }
        (None, None) => None,
    }
}

/// Where to stop looking for the word "party" after a role word: three
/// symbols on, but not past a holder named after the role ("кәсіпорынның
/// директоры X те партияға ..." names no party post).
fn party_word_end(len: usize, role: &std::ops::Range<usize>, holder: Option<usize>) -> usize {
    let end = (role.end + 3).min(len);
    match holder {
        Some(h) if h >= role.end => end.min(h),
        _ => end,
    }
}

/// The post rules over a built row.
pub(crate) fn posts(
    row: &[Sym],
    si: usize,
    lex: &Lexicon,
    ctx: &Context,
    rules: &[Rule],
    out: &mut Extraction,
    last_person: &mut Option<Key>,
) {
    let (t, at) = tags(row);
    let sent = &out.doc.sentences[si];
    let evidence = (sent.start, sent.end.min(out.doc.body_end));
    let date = row.iter().find_map(|s| s.date.clone());
    let lang = out.doc.lang;
    let before = out.posts.len();
    for rule in super::rules::matching(lex.id, rules, RuleKind::Post, lang, &t) {
        for c in rule.regex.captures_iter(&t) {
            let group = |name: &str| c.name(name).map(|m| sym_range(&at, m));
            let whole = c.get(0).map(|m| sym_range(&at, m));
            let Some((mut role, rr, role_span)) =
                rule_role(row, rule, group("role"), group("verb"), whole)
            else {
                continue;
            };
            let role_sym = &row[rr.start];
            // "deputy CEC chairman": a deputy's word before the body and
            // its head's title makes the head's deputy.
            if let Some(d) = group("deputy") {
                match deputy_of(&row[d.start], &role) {
                    Some(r) => role = r,
                    None => continue,
                }
            }
            // One person (`per`), or every person of a list sharing the
            // role (`pers`: председатели Алма Карашкызы и Болат Керей).
            let persons: Vec<Key> = if let Some(pr) = group("pers") {
                row[pr]
                    .iter()
                    .filter(|s| s.tag == "PER")
                    .filter_map(|s| s.key.clone())
                    .collect()
            } else {
                let Some(pr) = group("per") else { continue };
                let person = match row[pr.start].tag.as_str() {
                    "PRON" => pronoun_antecedent(&row[..pr.start]).or_else(|| last_person.clone()),
                    _ => row[pr.start].key.clone(),
                };
                person.into_iter().collect()
            };
            let persons: Vec<Key> = persons
                .into_iter()
                .filter(|k| matches!(k, Key::Person(_)))
                .collect();
            if persons.is_empty() {
                continue;
            }
            if group("council").is_some() && role == "member" {
                role = "council_member".into();
            }
            let holder = group("per").or(group("pers")).map(|r| r.start);
            let org_range = group("org").or(group("org2"));
            let mut org = org_range.clone().and_then(|r| first_key(row, r));
            if org.is_none() {
                let lvl = org_range.clone().and_then(|r| {
                    row[r]
                        .iter()
                        .find_map(|s| s.level.as_ref().map(|l| l.0.clone()))
                });
                org = match (role.as_str(), lvl) {
                    ("akim", Some(l)) => ctx
                        .place_of_level(lex, &l)
                        .and_then(|p| lex.places.iter().position(|x| x.id == p))
                        .map(|i| place_key(lex, i, &out.doc)),
                    ("akim", None) => None,
                    ("president" | "elbasy", _) => {
                        let c = ctx.country(lex);
                        c.and_then(|c| lex.places.iter().position(|x| x.id == c))
                            .map(|p| place_key(lex, p, &out.doc))
                    }
                    (_, Some(_)) => None,
                    // "председатель партии", "член Политического совета": the
                    // party the article is about; a bare role word ("глава",
                    // "председатель") names none.
                    _ if org_range.is_some()
                        || role == "council_member"
                        || party_office(&role, group("office").is_some())
                        || row[rr.start..party_word_end(row.len(), &rr, holder)]
                            .iter()
                            // "Speaker as six parties ...": "as" ends the title.
                            .take_while(|s| s.tag != "AS")
                            .any(|s| matches!(s.tag.as_str(), "PARTYW" | "COUNCIL")) =>
                    {
                        ctx.main_party().map(Key::Party)
                    }
                    _ => None,
                };
            }
            let Some(org) = org else { continue };
            // A president of a body rather than a country heads it: FORMAT's
            // "chair" covers the head of any body (Президент ФИФА).
            if role == "president" && !matches!(org, Key::Place { .. }) {
                role = "chair".into();
            }
            // A member of a parliament's chamber is its deputy (member of
            // the Mazhilis, член Сената).
            if role == "member" && matches!(&org, Key::Org { kind, .. } if kind == "parliament") {
                role = "deputy".into();
            }
            let mods: Vec<&str> = group("mod")
                .map(|r| row[r].iter().map(|s| s.tag.as_str()).collect())
                .unwrap_or_default();
            let mut status = rule.status.clone();
            let role_word = crate::text::lower(&role_sym.text);
            if let Some((_, st)) = lex
                .prefixes
                .iter()
                .find(|(p, _)| role_word.starts_with(p.as_str()))
            {
                status = st.clone();
            }
            if mods.contains(&"FORMER") {
                status = "former".into();
            } else if mods.contains(&"NEW") && status == "current" {
                status = "start".into();
            }
            let date = if matches!(status.as_str(), "start" | "end") {
                date.clone()
            } else {
                None
            };
            let acting =
                group("acting").is_some() || (rr.start > 0 && row[rr.start - 1].tag == "ACTING");
            for person in persons {
                // One post per person and role word in a sentence, and one per
                // person, role and organization: the first rule that read it.
                // One holder may hold the same role in two bodies named by two
                // role words ("председатель филиала, руководитель крыла").
                let span = (role_sym.start, role_sym.end);
                if out.posts[before..].iter().any(|p| {
                    p.person == person && (p.role_span == span || p.role == role && p.org == org)
                }) {
                    continue;
                }
                out.posts.push(PostClaim {
                    person,
                    role: role.clone(),
                    role_span,
                    org: org.clone(),
                    status: status.clone(),
                    date: date.clone(),
                    evidence,
                    rule: rule.id.clone(),
                    acting,
                    decided: rule.pattern.contains("START") || rule.pattern.contains("END"),
                });
            }
        }
    }
}

/// A post the article first names as held ("председатель партии X") and
/// later tells the election to ("X избрали председателем") is one post that
/// started: the start (or end) claim replaces the earlier plain one, since
/// the first claim of a post is the one that is kept.
pub(crate) fn reported_starts(posts: &mut Vec<PostClaim>) {
    let decided: Vec<PostClaim> = posts
        .iter()
        .filter(|p| matches!(p.status.as_str(), "start" | "end"))
        .cloned()
        .collect();
    posts.retain(|p| {
        p.status != "current"
            || !decided.iter().any(|d| {
                d.evidence.0 > p.evidence.0
                    && d.role == p.role
                    && d.org == p.org
                    && same_person(&d.person, &p.person)
            })
    });
}

/// Whether two person keys of one article name one person: the same
/// surname, up to a case ending (Абишев, Абишева; Амиртай, Амиртая), and
/// the same first name where both give one.
fn same_person(a: &Key, b: &Key) -> bool {
    let (Key::Person(a), Key::Person(b)) = (a, b) else {
        return false;
    };
    let key = |s: &Option<String>| s.as_deref().map(crate::text::translit::key);
    let (Some(sa), Some(sb)) = (key(&a.surname), key(&b.surname)) else {
        return false;
    };
    let (short, long) = if sa.len() <= sb.len() {
        (sa, sb)
    } else {
        (sb, sa)
    };
    let surname = long.starts_with(&short) && long.len() - short.len() <= 2 && short.len() >= 4;
    let (ga, gb) = (key(&a.given), key(&b.given));
    surname && (ga.is_none() || gb.is_none() || ga == gb)
}

/// Entity mentions and role mentions of a built row.
/// What a role word says it belongs to, from the words before it (past
/// "жаңа", "бұрынғы", "и.о."): the body or place it names, or only that it
/// names one (партия, аудан, филиал) without a key of its own.
fn role_owner(before: &[Sym], role: &Sym) -> Owner {
    if let Some(k) = &role.role_of {
        return Owner::Key(k.clone());
    }
    let prev = before
        .iter()
        .rev()
        .find(|s| !matches!(s.tag.as_str(), "NEW" | "FORMER" | "ACTING" | "RANK"));
    match prev {
        Some(s) => match (s.tag.as_str(), &s.key) {
            ("UNIT" | "ORG" | "PARTY" | "PLACE", Some(k)) => Owner::Key(k.clone()),
            ("PARTYW", _) => Owner::AnyParty,
            ("LVL" | "BRANCH" | "HEAD" | "COUNCIL" | "UNIT" | "ORG" | "PLACE", _) => Owner::Unknown,
            _ => Owner::None,
        },
        None => Owner::None,
    }
}

pub(crate) fn collect_mentions(
    row: &[Sym],
    mentions: &mut Vec<Mention>,
    roles: &mut Vec<RoleMention>,
) {
    for (i, s) in row.iter().enumerate() {
        if let Some(key) = s.key.as_ref().filter(|_| !s.silent) {
            let (start, end) = s.name_span.unwrap_or((s.start, s.end));
            mentions.push(Mention {
                start,
                end,
                key: key.clone(),
                rule: s.rule.clone(),
            });
        }
        if let Some(r) = s.role.as_ref().filter(|_| !s.silent) {
            roles.push(RoleMention {
                start: s.start,
                end: s.end,
                role: r.clone(),
                of: s.role_of.clone(),
                rule: s.rule.clone(),
                holder: None,
                owner: role_owner(&row[..i], s),
            });
        }
        collect_mentions(&s.inner, mentions, roles);
    }
}
