//! The text cards of `who` (an entity, its posts and events with their
//! sources), `why` (what made an entity) and `conflicts` (claims that
//! disagree), each followed by a blank line.

use anyhow::Result;
use partygraph::extract::EntityType;
use partygraph::graph::KnowledgeGraph;
use partygraph::lookup::why::{Conflict, Why};
use partygraph::lookup::{name_of, Card, Source};
use std::io::Write;

/// ", value" when there is a value.
fn comma(v: Option<&str>) -> String {
    v.map(|v| format!(", {v}")).unwrap_or_default()
}

/// An entity's card: its names, articles, relations, posts and events.
pub fn card(out: &mut dyn Write, kg: &KnowledgeGraph, c: &Card) -> Result<()> {
    writeln!(out, "{}  ({:?}, {})", c.name, c.ty, c.id)?;
    if c.names.len() > 1 {
        writeln!(out, "  names: {}", c.names.join(", "))?;
    }
    writeln!(out, "  articles: {}", c.articles.join(", "))?;
    for (what, id) in &c.related {
        writeln!(out, "  {what}: {} ({id})", name_of(kg, id))?;
    }
    posts(out, c)?;
    events(out, kg, c)?;
    writeln!(out)?;
    Ok(())
}

fn posts(out: &mut dyn Write, c: &Card) -> Result<()> {
    if c.posts.is_empty() {
        return Ok(());
    }
    writeln!(out, "  posts:")?;
    for p in &c.posts {
        let when = match (&p.start, &p.end) {
            (Some(a), Some(b)) => format!(" {a} – {b}"),
            (Some(a), None) => format!(" since {a}"),
            (None, Some(b)) => format!(" until {b}"),
            _ => String::new(),
        };
        let who = if c.ty == EntityType::Person {
            &p.org_name
        } else {
            &p.person_name
        };
        writeln!(out, "    {} · {} · {}{}", p.role, who, p.status, when)?;
        for src in &p.sources {
            source(out, src, true)?;
        }
    }
    Ok(())
}

fn events(out: &mut dyn Write, kg: &KnowledgeGraph, c: &Card) -> Result<()> {
    if c.events.is_empty() {
        return Ok(());
    }
    writeln!(out, "  events:")?;
    let name = |id: Option<&str>| id.map(|o| name_of(kg, o)).unwrap_or("-".into());
    for e in &c.events {
        writeln!(
            out,
            "    {} · {} · {} · {}",
            e.ty,
            name(e.organizer.as_deref()),
            name(e.place.as_deref()),
            e.date.as_deref().unwrap_or("date unknown")
        )?;
        for src in &e.sources {
            source(out, src, false)?;
        }
    }
    Ok(())
}

/// A sentence a fact came from, with its article (and outlet and date for
/// posts) and the rule that read it.
fn source(out: &mut dyn Write, src: &Source, dated: bool) -> Result<()> {
    let (outlet, published) = if dated {
        (
            comma(src.outlet.as_deref()),
            comma(src.published.as_deref()),
        )
    } else {
        Default::default()
    };
    writeln!(
        out,
        "      [{}{outlet}{published}; {}] «{}»",
        src.article, src.rule, src.sentence
    )?;
    Ok(())
}

/// The ids, names and articles an entity was made from, why they merged,
/// the namesakes kept apart and the curation that applied.
pub fn why(out: &mut dyn Write, w: &Why) -> Result<()> {
    writeln!(out, "{}  ({})", w.name, w.id)?;
    if w.members.len() > 1 {
        writeln!(out, "  one entity from {} ids:", w.members.len())?;
    } else {
        writeln!(out, "  one id:")?;
    }
    for (id, name, arts) in &w.members {
        writeln!(out, "    {id}  {name}  [{}]", arts.join(", "))?;
    }
    if !w.merged.is_empty() {
        writeln!(out, "  merged because:")?;
        for (a, b, r) in &w.merged {
            writeln!(out, "    {a} + {b}: {r}")?;
        }
    }
    if !w.kept_apart.is_empty() {
        writeln!(out, "  kept apart from:")?;
        for (a, b, r) in &w.kept_apart {
            writeln!(out, "    {b} (vs {a}): {r}")?;
        }
    }
    for c in &w.curation {
        writeln!(out, "  curation: {c}")?;
    }
    writeln!(out)?;
    Ok(())
}

/// Each disagreement with every claim and its source.
pub fn conflicts(out: &mut dyn Write, cs: &[Conflict]) -> Result<()> {
    if cs.is_empty() {
        writeln!(out, "no conflicts")?;
    }
    for c in cs {
        writeln!(out, "{}: {}", c.kind, c.what)?;
        for (claim, doc, date, sentence) in &c.claims {
            writeln!(
                out,
                "    {claim}  [{doc}{}] «{}»",
                comma(date.as_deref()),
                sentence.trim()
            )?;
        }
    }
    Ok(())
}
