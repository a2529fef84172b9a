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

pub struct DotOptions {
    pub focus: Option<String>,
    pub depth: usize,
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

pub fn render(kg: &KnowledgeGraph, opts: &DotOptions) -> String {
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
    let mut s = String::new();
    let title = opts
        .focus
        .as_deref()
        .map(|f| format!("partygraph: {f}"))
        .unwrap_or_else(|| "partygraph".into());
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
                let _ = writeln!(s, "  \"{}\" [label=\"{}\", shape={shape}, style=\"{st}\", fillcolor=\"{color}\"];", esc(id), esc(&e.name));
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
