//! Parties, organizations, places and persons on sentences written for these
//! tests: parties of the past and by abbreviation, a party's faction and
//! wings, Kazakh names of bodies in lowercase words, region abbreviations and
//! given names of Latin script.

use partygraph::extract::EntityType;
use partygraph::input::Article;
use partygraph::lexicon::SeedSource;
use partygraph::pipeline::Pipeline;
use partygraph::resolve::Resolved;

fn run(text: &str) -> Resolved {
    let p = Pipeline::load(&SeedSource::Embedded).expect("embedded seeds load");
    p.run(&Article {
        id: "t".into(),
        text: text.into(),
        ..Default::default()
    })
}

/// Every entity as (type, id, the texts of its mentions).
fn entities(r: &Resolved) -> Vec<(EntityType, String, Vec<String>)> {
    r.entities
        .iter()
        .map(|e| {
            let texts = e.mentions.iter().map(|m| m.text.clone()).collect();
            (e.ty, e.id.clone(), texts)
        })
        .collect()
}

/// The mention texts of the entity with this id, if there is one.
fn mentions_of(r: &Resolved, id: &str) -> Option<Vec<String>> {
    entities(r)
        .into_iter()
        .find(|(_, i, _)| i == id)
        .map(|(_, _, m)| m)
}

fn organizations(r: &Resolved) -> Vec<String> {
    entities(r)
        .into_iter()
        .filter(|(t, _, _)| *t == EntityType::Organization)
        .map(|(_, id, _)| id)
        .collect()
}

#[test]
fn a_party_otan_absorbed_is_a_party_in_every_script() {
    for text in [
        "Асар партиясы 2006 жылы таратылды.",
        "Партия «Асар» влилась в партию Отан.",
        "The Asar party joined Otan in 2006.",
    ] {
        let r = run(text);
        assert!(
            mentions_of(&r, "party:asar").is_some(),
            "{text}: {:?}",
            entities(&r)
        );
    }
}

#[test]
fn the_patriots_party_is_a_party_in_kazakh_and_russian() {
    let r = run("Қазақстан патриоттар партиясы съезін өткізді.");
    assert!(
        mentions_of(&r, "party:patriots").is_some(),
        "{:?}",
        entities(&r)
    );
    let r = run("Партия патриотов провела съезд в Астане.");
    assert!(
        mentions_of(&r, "party:patriots").is_some(),
        "{:?}",
        entities(&r)
    );
}

#[test]
fn a_party_abbreviation_is_the_party_not_an_organization() {
    let r = run("ҚХП төрағасы Ерлан Сапаров сөз сөйледі.");
    assert!(
        mentions_of(&r, "party:people-s-party").is_some(),
        "{:?}",
        entities(&r)
    );
    assert!(organizations(&r).is_empty(), "{:?}", entities(&r));
}

#[test]
fn a_faction_beside_its_party_is_that_partys_organization() {
    let r = run("Бекзат Нұрланов – «Ақ жол» фракциясының мүшесі.");
    assert_eq!(
        mentions_of(&r, "org:ak-zhol-faction"),
        Some(vec!["фракциясының".to_string()]),
        "{:?}",
        entities(&r)
    );
    assert!(
        mentions_of(&r, "party:ak-zhol").is_some(),
        "{:?}",
        entities(&r)
    );
    let r = run("The AMANAT faction will be led by Yerlan Saparov.");
    assert!(
        mentions_of(&r, "org:amanat-faction").is_some(),
        "{:?}",
        entities(&r)
    );
}

#[test]
fn a_bare_faction_names_no_body() {
    let r = run("Deputies removed the minimum size for a faction.");
    assert!(organizations(&r).is_empty(), "{:?}", entities(&r));
}

#[test]
fn a_womens_wing_belongs_to_the_party_named_or_the_articles_party() {
    let r = run("«Ақ жол» партиясы жиын өткізді. Партияның әйелдер қанатының жетекшісі Дана Мұратова сөз сөйледі.");
    assert!(
        mentions_of(&r, "org:ak-zhol-wing").is_some(),
        "{:?}",
        entities(&r)
    );
    let r = run("Руководитель женского крыла ОСДП Сауле Жумабекова выступила.");
    assert!(
        mentions_of(&r, "org:nsdp-wing").is_some(),
        "{:?}",
        entities(&r)
    );
}

#[test]
fn a_kazakh_body_runs_from_its_place_through_lowercase_words_to_its_head() {
    let r = run("Ол Павлодар энергетика және көлік колледжінің директоры.");
    let orgs: Vec<_> = r
        .entities
        .iter()
        .filter(|e| e.ty == EntityType::Organization)
        .collect();
    assert_eq!(orgs.len(), 1, "{:?}", entities(&r));
    assert_eq!(
        orgs[0].mentions[0].text,
        "Павлодар энергетика және көлік колледжінің",
        "{:?}",
        entities(&r)
    );
    // The place inside the name stays a place mention.
    assert!(
        mentions_of(&r, "place:pavlodar").is_some(),
        "{:?}",
        entities(&r)
    );
}

#[test]
fn lowercase_words_before_a_head_without_a_name_make_no_body() {
    for text in [
        "Аталған қауымдастық жұмыс істейді.",
        "Астанада өткен комиссия отырысы аяқталды.",
    ] {
        let r = run(text);
        assert!(organizations(&r).is_empty(), "{text}: {:?}", entities(&r));
    }
}

#[test]
fn a_kazakh_region_abbreviation_is_the_region() {
    let r = run("ШҚО атынан съезге 20 делегат барды.");
    assert!(
        mentions_of(&r, "place:east-kazakhstan-region").is_some(),
        "{:?}",
        entities(&r)
    );
    assert!(organizations(&r).is_empty(), "{:?}", entities(&r));
}

#[test]
fn a_latin_given_name_makes_a_person_of_an_unshaped_surname() {
    let r = run("Deputy chairman Albert Tesh spoke at the session.");
    let persons: Vec<_> = r
        .entities
        .iter()
        .filter(|e| e.ty == EntityType::Person)
        .map(|e| e.name.clone())
        .collect();
    assert_eq!(persons, vec!["Albert Tesh".to_string()]);
}

#[test]
fn a_common_russian_word_opening_a_sentence_is_no_surname() {
    let r = run("Кандидатов выдвинули три партии. Кадровые решения приняты.");
    assert!(
        r.entities.iter().all(|e| e.ty != EntityType::Person),
        "{:?}",
        entities(&r)
    );
}
