//! GraphViz DOT of the knowledge graph: a shape and colour per node type,
//! posts as labelled edges from person to organization (role, status,
//! dates), events as their own nodes, and a legend. `--focus NAME --depth N`
//! draws the neighbourhood of the entities a name finds.

use super::find;
use crate::extract::EntityType;
use crate::graph::{Edge, KnowledgeGraph, Node};
use petgraph::graph::NodeIndex;
use std::collections::{BTreeSet, VecDeque};
use std::fmt::Write;

#[derive(Default)]
pub struct DotOptions {
    pub focus: Option<String>,
    pub depth: usize,
    /// Only this party, its branches, the people holding posts in them and
    /// their events.
    pub party: Option<String>,
    /// Only posts and events in this window (YYYY-MM-DD, either end open).
    pub from: Option<String>,
    pub to: Option<String>,
    /// Names in this language where known.
    pub lang: super::views::Lang,
}

/// Whether a dated span [start, end] meets the window [from, to]; a missing
/// date is open.
fn in_window(start: Option<&str>, end: Option<&str>, o: &DotOptions) -> bool {
    let after_from = match (&o.from, end.or(start)) {
        (Some(f), Some(e)) => e >= f.as_str(),
        _ => true,
    };
    let before_to = match (&o.to, start.or(end)) {
        (Some(t), Some(s)) => s <= t.as_str(),
        _ => true,
    };
    after_from && before_to
}

/// The nodes of a party: itself, its branches, the people holding posts in
/// them, the events they hold, and the places of both.
fn party_nodes(kg: &KnowledgeGraph, q: &str) -> BTreeSet<NodeIndex> {
    let mut out = BTreeSet::new();
    for p in find(kg, q)
        .into_iter()
        .filter(|&i| kg.graph[i].id().starts_with("party:"))
    {
        let mut orgs = vec![p];
        orgs.extend(kg.into(p, Edge::UnitOf));
        for &o in &orgs {
            out.insert(o);
            out.extend(kg.out(o, Edge::Covers));
            for t in kg.into(o, Edge::PostIn) {
                out.extend(kg.into(t, Edge::Holds));
            }
            for ev in kg.into(o, Edge::Organizer) {
                out.insert(ev);
                out.extend(kg.out(ev, Edge::Location));
                out.extend(kg.out(ev, Edge::Attendee));
            }
        }
    }
    out
}

fn style(ty: EntityType) -> (&'static str, &'static str, &'static str) {
    match ty {
        EntityType::Person => ("ellipse", "#fde2c8", "filled"),
        EntityType::Party => ("box", "#9ecae1", "filled,bold"),
        EntityType::PartyUnit => ("box", "#deebf7", "filled,rounded"),
        EntityType::Organization => ("box", "#e5e5e5", "filled"),
        EntityType::Place => ("house", "#d9f0d3", "filled"),
    }
}

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Neighbours of a node for focusing: through a tenure to both its ends,
/// through an event to everything it links.
fn neighbours(kg: &KnowledgeGraph, i: NodeIndex) -> Vec<NodeIndex> {
    let mut out = Vec::new();
    for n in kg.graph.neighbors_undirected(i) {
        match &kg.graph[n] {
            Node::Tenure(_) => out.extend(
                kg.graph
                    .neighbors_undirected(n)
                    .filter(|&m| m != i && !matches!(kg.graph[m], Node::Article(_))),
            ),
            Node::Article(_) => {}
            _ => out.push(n),
        }
    }
    out
}

pub fn render(kg: &KnowledgeGraph, lex: &crate::lexicon::Lexicon, opts: &DotOptions) -> String {
    let name = |id: &str| super::views::name_in(kg, lex, id, opts.lang);
    let mut keep: BTreeSet<NodeIndex> = BTreeSet::new();
    match &opts.focus {
        Some(q) => {
            let mut queue: VecDeque<(NodeIndex, usize)> =
                find(kg, q).into_iter().map(|i| (i, 0)).collect();
            while let Some((i, d)) = queue.pop_front() {
                if !keep.insert(i) || d >= opts.depth {
                    continue;
                }
                for n in neighbours(kg, i) {
                    queue.push_back((n, d + 1));
                }
            }
        }
        None => keep.extend(
            kg.nodes()
                .filter(|(_, n)| matches!(n, Node::Entity(_) | Node::Event(_)))
                .map(|(i, _)| i),
        ),
    }
    if let Some(q) = &opts.party {
        let allowed = party_nodes(kg, q);
        keep.retain(|i| allowed.contains(i));
    }
    if opts.from.is_some() || opts.to.is_some() {
        // Events outside the window go, and people left with nothing in it.
        keep.retain(|&i| match &kg.graph[i] {
            Node::Event(e) => {
                let d = e
                    .date
                    .clone()
                    .or_else(|| e.sources.iter().find_map(|s| s.published.clone()));
                in_window(d.as_deref(), d.as_deref(), opts)
            }
            _ => true,
        });
        let live: BTreeSet<NodeIndex> = keep.clone();
        keep.retain(|&i| match &kg.graph[i] {
            Node::Entity(e) if e.ty == EntityType::Person => {
                kg.out(i, Edge::Holds).iter().any(|&t| match &kg.graph[t] {
                    Node::Tenure(t) => in_window(t.start.as_deref(), t.end.as_deref(), opts),
                    _ => false,
                }) || kg.into(i, Edge::Attendee).iter().any(|e| live.contains(e))
            }
            _ => true,
        });
    }
    let mut s = String::new();
    let mut title = String::from("partygraph");
    for part in [&opts.focus, &opts.party].into_iter().flatten() {
        title.push_str(&format!(": {part}"));
    }
    match (&opts.from, &opts.to) {
        (None, None) => {}
        (f, t) => title.push_str(&format!(
            " ({} – {})",
            f.as_deref().unwrap_or("…"),
            t.as_deref().unwrap_or("…")
        )),
    }
    let _ = writeln!(s, "digraph partygraph {{");
    let _ = writeln!(s, "  graph [rankdir=LR, fontname=\"DejaVu Sans\", label=\"{}\", labelloc=t, fontsize=16, nodesep=0.3, ranksep=0.6, overlap=false];", esc(&title));
    let _ = writeln!(
        s,
        "  node [fontname=\"DejaVu Sans\", fontsize=10, penwidth=0.8];"
    );
    let _ = writeln!(
        s,
        "  edge [fontname=\"DejaVu Sans\", fontsize=8, color=\"#555555\"];"
    );
    let mut ids: Vec<(String, NodeIndex)> = keep
        .iter()
        .map(|&i| (kg.graph[i].id().to_string(), i))
        .collect();
    ids.sort();
    for (id, i) in &ids {
        match &kg.graph[*i] {
            Node::Entity(e) => {
                let (shape, color, st) = style(e.ty);
                let _ = writeln!(s, "  \"{}\" [label=\"{}\", shape={shape}, style=\"{st}\", fillcolor=\"{color}\"];", esc(id), esc(&name(&e.id)));
            }
            Node::Event(e) => {
                let label = format!("{}\\n{}", e.ty, e.date.as_deref().unwrap_or("date unknown"));
                let _ = writeln!(s, "  \"{}\" [label=\"{label}\", shape=octagon, style=filled, fillcolor=\"#fff2ae\"];", esc(id));
            }
            _ => {}
        }
    }
    let kept = |i: NodeIndex| keep.contains(&i);
    for (id, i) in &ids {
        match &kg.graph[*i] {
            Node::Entity(_) => {
                for t in kg.out(*i, Edge::Holds) {
                    if let Node::Tenure(t) = &kg.graph[t] {
                        let Some(org) = kg.index_of(&t.org).filter(|&o| kept(o)) else {
                            continue;
                        };
                        if !in_window(t.start.as_deref(), t.end.as_deref(), opts) {
                            continue;
                        }
                        let dates = match (&t.start, &t.end) {
                            (Some(a), Some(b)) => format!("\\n{a} – {b}"),
                            (Some(a), None) => format!("\\nsince {a}"),
                            (None, Some(b)) => format!("\\nuntil {b}"),
                            _ => String::new(),
                        };
                        let color = match t.status.as_str() {
                            "former" | "end" => "#999999",
                            "start" => "#c0392b",
                            _ => "#2c3e50",
                        };
                        let _ = writeln!(
                            s,
                            "  \"{}\" -> \"{}\" [label=\"{} ({}){dates}\", color=\"{color}\", fontcolor=\"{color}\", penwidth=1.4];",
                            esc(id), esc(kg.graph[org].id()), t.role, t.status
                        );
                    }
                }
                for (edge, label, st) in [
                    (Edge::UnitOf, "unit of", "dashed"),
                    (Edge::Covers, "covers", "dotted"),
                    (Edge::Within, "in", "dotted"),
                ] {
                    for t in kg.out(*i, edge) {
                        if kept(t) {
                            let _ = writeln!(s, "  \"{}\" -> \"{}\" [label=\"{label}\", style={st}, color=\"#888888\", fontcolor=\"#888888\"];", esc(id), esc(kg.graph[t].id()));
                        }
                    }
                }
            }
            Node::Event(_) => {
                for (edge, label) in [(Edge::Organizer, "held by"), (Edge::Location, "at")] {
                    for t in kg.out(*i, edge) {
                        if kept(t) {
                            let _ = writeln!(s, "  \"{}\" -> \"{}\" [label=\"{label}\", color=\"#b8860b\", fontcolor=\"#b8860b\"];", esc(id), esc(kg.graph[t].id()));
                        }
                    }
                }
                for t in kg.out(*i, Edge::Attendee) {
                    if kept(t) {
                        let _ = writeln!(
                            s,
                            "  \"{}\" -> \"{}\" [style=dashed, color=\"#d4b106\", arrowhead=none];",
                            esc(kg.graph[t].id()),
                            esc(id)
                        );
                    }
                }
            }
            _ => {}
        }
    }
    // A cluster per party with its branches.
    for (id, i) in &ids {
        if !id.starts_with("party:") {
            continue;
        }
        let units: Vec<NodeIndex> = kg
            .into(*i, Edge::UnitOf)
            .into_iter()
            .filter(|&u| kept(u))
            .collect();
        let _ = writeln!(s, "  subgraph \"cluster_{}\" {{", esc(id));
        let _ = writeln!(
            s,
            "    label=\"{}\"; fontsize=11; style=rounded; color=\"#6baed6\";",
            esc(&name(id))
        );
        let _ = writeln!(s, "    \"{}\";", esc(id));
        for u in units {
            let _ = writeln!(s, "    \"{}\";", esc(kg.graph[u].id()));
        }
        let _ = writeln!(s, "  }}");
    }
    // Legend.
    let _ = writeln!(s, "  subgraph cluster_legend {{");
    let _ = writeln!(s, "    label=\"legend\"; fontsize=10; color=\"#bbbbbb\";");
    for (name, ty) in [
        ("person", EntityType::Person),
        ("party", EntityType::Party),
        ("party branch", EntityType::PartyUnit),
        ("organization", EntityType::Organization),
        ("place", EntityType::Place),
    ] {
        let (shape, color, st) = style(ty);
        let _ = writeln!(s, "    \"legend:{name}\" [label=\"{name}\", shape={shape}, style=\"{st}\", fillcolor=\"{color}\"];");
    }
    let _ = writeln!(s, "    \"legend:event\" [label=\"event\", shape=octagon, style=filled, fillcolor=\"#fff2ae\"];");
    let _ = writeln!(
        s,
        "    \"legend:person\" -> \"legend:party\" [label=\"post (status)\", color=\"#2c3e50\"];"
    );
    let _ = writeln!(s, "  }}");
    let _ = writeln!(s, "}}");
    s
}
