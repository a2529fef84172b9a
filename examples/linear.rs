//! Extraction time against article size: dense single-line articles of
//! 1, 2, 4 and 8 MB (more with `--sizes`), each run once through
//! `Pipeline::run`, with MB/s per size. Time per MB should stay flat.
//!
//! ```text
//! cargo run --release --example linear                 # every shape, 1 2 4 8 MB
//! cargo run --release --example linear -- --sizes 1,2 --shape names
//! ```
//!
//! Shapes: `sentences` (the seed articles' lines on one line, sentence ends
//! kept), `run-on` (the same without a single sentence end), `names`
//! (people, parties, places and roles in a row, no punctuation at all).

use partygraph::input::Article;
use partygraph::pipeline::Pipeline;
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Names, parties, places and role words the lexicon knows, in three scripts.
const NAMES: &[&str] = &[
    "Азат Амиртаев",
    "«AMANAT» партиясы",
    "Түркістан облыстық филиалының төрағасы",
    "Ерлан Қошанов",
    "Астана қаласы",
    "председатель партии",
    "Алма Карашкызы",
    "Байтақ",
    "Азаматхан Әміртаев",
    "Karaganda region",
    "Murat Kuderinov",
    "Қызылорда облысы",
    "Жандос Базартай",
    "исполнительный секретарь",
    "Болат Керей",
    "Алматы",
    "Ж.Базартай",
    "Сырдария аудандық филиалы",
];

/// A dense article of at least `bytes` bytes, on one line.
fn dense(shape: &str, bytes: usize) -> String {
    let pieces: Vec<String> = match shape {
        "names" => NAMES.iter().map(|s| s.to_string()).collect(),
        _ => {
            let mut v = Vec::new();
            let mut dir: Vec<_> = std::fs::read_dir("seeds/articles")
                .expect("run from the crate's folder")
                .map(|e| e.expect("seed article").path())
                .collect();
            dir.sort();
            for p in dir {
                let text = std::fs::read_to_string(&p).expect("seed article");
                for line in text.lines().filter(|l| l.chars().count() > 80) {
                    let line = if shape == "run-on" {
                        line.replace(['.', '!', '?', '…'], "")
                    } else {
                        line.to_string()
                    };
                    v.push(line);
                }
            }
            v
        }
    };
    let mut out = String::with_capacity(bytes + 1024);
    let mut i = 0;
    while out.len() < bytes {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&pieces[i % pieces.len()]);
        i += 1;
    }
    out
}

/// Time this thread has run, in seconds, where the system tells it (Linux);
/// unlike the wall clock it does not count the time other programs take
/// on a busy machine.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let sizes: Vec<f64> = arg("--sizes")
        .unwrap_or_else(|| "1,2,4,8".into())
        .split(',')
        .map(|s| {
            s.trim()
                .parse()
                .expect("--sizes: numbers of MB, comma-separated")
        })
        .collect();
    let shapes: Vec<String> = match arg("--shape") {
        Some(s) => vec![s],
        None => ["sentences", "run-on", "names"].map(String::from).to_vec(),
    };
    let p = Pipeline::load(&Default::default()).expect("seeds load");
    // Untimed: the lemma cache and the patterns built once per process.
    p.run(&Article {
        id: "warm-up".into(),
        text: dense("sentences", 100_000),
        ..Default::default()
    });
    println!("shape      size      wall   cpu s   MB/s   cpu s/MB   mentions");
    for shape in &shapes {
        for &mb in &sizes {
            let text = dense(shape, (mb * 1e6) as usize);
            let a = Article {
                id: format!("{shape}-{mb}"),
                text,
                ..Default::default()
            };
            let real = a.text.len() as f64 / 1e6;
            let (t, cpu) = (Instant::now(), cpu_seconds());
            let r = p.run(&a);
            let wall = t.elapsed().as_secs_f64();
            // MB/s of the time the run had the processor, else of the wall clock.
            let secs = match (cpu, cpu_seconds()) {
                (Some(a), Some(b)) => b - a,
                _ => wall,
            };
            let mentions: usize = r.entities.iter().map(|e| e.mentions.len()).sum();
            println!(
                "{shape:<9} {real:>5.1} MB {wall:>7.2} {secs:>7.2} {:>6.2} {:>10.3} {mentions:>10}",
                real / secs,
                secs / real
            );
        }
    }
}
