//! The role scheme of `schema/roles.ttl`, written from `seeds/lexicons/roles.tsv`
//! so that the two never disagree: one SKOS concept (and org:Role) per role
//! key, the first word of each language as its preferred label and the
//! others as alternative labels, in the order of the table.

/// Turtle for the role keys and words of a roles table (key, lang, words).
pub fn role_scheme(roles_tsv: &str) -> String {
    let mut keys: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in roles_tsv.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(key), Some(lang), Some(words)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let entry = match keys.iter().position(|(k, _)| k == key) {
            Some(i) => &mut keys[i].1,
            None => {
                keys.push((key.to_string(), Vec::new()));
                &mut keys.last_mut().expect("just pushed").1
            }
        };
        entry.push((lang.to_string(), words.to_string()));
    }
    let mut out = String::from(
        "# The role scheme: every role key of seeds/lexicons/roles.tsv with its words\n\
         # in Kazakh, Russian and English. A role is both an org:Role and a skos:Concept.\n\
         # Written from the table (UPDATE_GOLDEN=1 cargo test --test golden); do not edit.\n\
         @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\
         @prefix org: <http://www.w3.org/ns/org#> .\n\
         @prefix role: <https://w3id.org/partygraph/id/role/> .\n\n\
         <https://w3id.org/partygraph/id/roles> a skos:ConceptScheme ;\n    \
         skos:prefLabel \"Roles in parties and the state\"@en .\n",
    );
    for (key, words) in &keys {
        out.push_str(&format!(
            "\nrole:{key} a org:Role , skos:Concept ;\n    \
             skos:inScheme <https://w3id.org/partygraph/id/roles> ;\n    \
             skos:notation \"{key}\""
        ));
        let mut seen_lang: Vec<&str> = Vec::new();
        let mut labels: Vec<String> = Vec::new();
        for (lang, w) in words {
            let prop = if seen_lang.contains(&lang.as_str()) {
                "altLabel"
            } else {
                seen_lang.push(lang);
                "prefLabel"
            };
            let escaped = w.replace('\\', "\\\\").replace('"', "\\\"");
            let label = format!("skos:{prop} \"{escaped}\"@{lang}");
            if !labels.contains(&label) {
                labels.push(label);
            }
        }
        // Preferred labels first, then the alternatives, each in table order.
        labels.sort_by_key(|l| !l.starts_with("skos:prefLabel"));
        for l in labels {
            out.push_str(&format!(" ;\n    {l}"));
        }
        out.push_str(" .\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_concept_per_key_with_labels_per_language() {
        let ttl = role_scheme(
            "# x\nchair\tkk\tтөраға\nchair\tru\tглава\nchair\tkk\tбасшы\nakim\tkk\tәкім\n",
        );
        assert!(ttl.contains("role:chair a org:Role"));
        assert!(ttl.contains("skos:prefLabel \"төраға\"@kk"));
        assert!(ttl.contains("skos:altLabel \"басшы\"@kk"));
        assert!(ttl.contains("skos:prefLabel \"глава\"@ru"));
        assert_eq!(ttl.matches("skos:Concept ;").count(), 2);
    }
}
