//! Kazakh posts on sentences written for these tests: posts given by verbs
//! (heads, took the reins, left the party, entered the council), by
//! predicates, by a pronoun for the person of the sentence before, and one
//! person with two titles.

mod common;

use common::run;
use partygraph::resolve::Resolved;

/// Every post as (person's name, role, organization id, status).
fn posts(r: &Resolved) -> Vec<(String, String, String, String)> {
    r.posts
        .iter()
        .map(|p| {
            let name = r
                .entities
                .iter()
                .find(|e| e.id == p.person)
                .map(|e| e.name.clone())
                .unwrap_or_default();
            (name, p.role.clone(), p.org.clone(), p.status.clone())
        })
        .collect()
}

fn has(r: &Resolved, name: &str, role: &str, org: &str, status: &str) -> bool {
    posts(r)
        .iter()
        .any(|(n, ro, o, s)| n == name && ro == role && o == org && s == status)
}

#[test]
fn the_verb_heads_with_the_body_in_the_accusative_gives_the_chair() {
    let r = run("«Ақ жол» партиясының съезі өтті. Ал Павлодар облыстық филиалын 2024 жылдан бері Жанболат Сәрсенов басқарады.");
    assert!(
        has(
            &r,
            "Жанболат Сәрсенов",
            "chair",
            "unit:ak-zhol/pavlodar-region",
            "current"
        ),
        "{:?}",
        posts(&r)
    );
}

#[test]
fn headed_before_is_a_former_chair_and_a_body_chaired_is_no_post() {
    let r = run("«Ақ жол» партиясының съезі өтті. Одан бұрын партияны 10 жылдан астам уақыт Жанболат Сәрсенов басқарып келді.");
    assert!(
        has(&r, "Жанболат Сәрсенов", "chair", "party:ak-zhol", "former"),
        "{:?}",
        posts(&r)
    );
    // The meeting he chaired is no body he heads.
    let r = run("«Ақ жол» партиясының съезі өтті. Жиынды Жанболат Сәрсенов басқарды.");
    assert!(posts(&r).is_empty(), "{:?}", posts(&r));
}

#[test]
fn another_party_named_before_the_accusative_is_not_the_article_s_party() {
    let r = run("«Ақ жол» партиясының съезі өтті. Сәрсенов Жасыл партияны басқарады.");
    assert!(!posts(&r).iter().any(|p| p.1 == "chair"), "{:?}", posts(&r));
}

#[test]
fn taking_the_reins_starts_a_chair() {
    let r = run("«Ақ жол» партиясының тізгінін сол жылдың тамыз айында Мәжіліс депутаты Жанболат Сәрсенов ұстады.");
    assert!(
        has(&r, "Жанболат Сәрсенов", "chair", "party:ak-zhol", "start"),
        "{:?}",
        posts(&r)
    );
    assert!(has(
        &r,
        "Жанболат Сәрсенов",
        "deputy",
        "org:mazhilis",
        "current"
    ));
}

#[test]
fn leaving_the_party_ends_each_listed_membership() {
    let r = run("Мәслихат депутаттары Айгүл Серікова мен Дәурен Әбенов кеше «Ақ жол» партиясынан шығатынын мәлімдеді.");
    for name in ["Айгүл Серікова", "Дәурен Әбенов"] {
        assert!(
            has(&r, name, "member", "party:ak-zhol", "end"),
            "{name}: {:?}",
            posts(&r)
        );
    }
}

#[test]
fn a_pronoun_entering_the_council_is_the_person_just_elected() {
    let r = run("«Ақ жол» партиясының съезі өтті. Жанболат Сәрсенов төраға болып сайланды. Ол партияның саяси кеңесінің құрамына да енгізілді.");
    assert!(
        has(
            &r,
            "Жанболат Сәрсенов",
            "council_member",
            "party:ak-zhol",
            "start"
        ),
        "{:?}",
        posts(&r)
    );
}

#[test]
fn an_object_elected_with_etip_starts_the_post_and_keeps_the_akim_title() {
    let r = run("«Ақ жол» партиясы Қарағанды облыстық филиалының конференциясы өтті. Делегаттар Қарағанды облысының әкімі Ерсайын Дүйсенбайды облыстық филиалдың төрағасы етіп бірауыздан сайлады.");
    assert!(
        has(
            &r,
            "Ерсайын Дүйсенбай",
            "chair",
            "unit:ak-zhol/karaganda-region",
            "start"
        ),
        "{:?}",
        posts(&r)
    );
    assert!(
        has(
            &r,
            "Ерсайын Дүйсенбай",
            "akim",
            "place:karaganda-region",
            "current"
        ),
        "{:?}",
        posts(&r)
    );
}

#[test]
fn one_holder_of_two_titles_gets_both() {
    let r = run("«Ақ жол» партиясы Абай облыстық филиалының жиыны өтті. Жиынға облыстық филиалдың төрағасы, облыс әкімі Серікбол Тасжанов қатысты.");
    assert!(
        has(
            &r,
            "Серікбол Тасжанов",
            "chair",
            "unit:ak-zhol/abai-region",
            "current"
        ),
        "{:?}",
        posts(&r)
    );
    assert!(
        has(
            &r,
            "Серікбол Тасжанов",
            "akim",
            "place:abai-region",
            "current"
        ),
        "{:?}",
        posts(&r)
    );
}

#[test]
fn posts_held_before_by_verb_are_former() {
    let r =
        run("Жанболат Сәрсенов сөз сөйледі. Оған дейін ол Парламент Мәжілісінің депутаты болған.");
    assert!(
        has(&r, "Жанболат Сәрсенов", "deputy", "org:mazhilis", "former"),
        "{:?}",
        posts(&r)
    );
    let r = run(
        "Ж.Сәрсенов 2015–2018 жылдары «Ақ жол» партиясы төрағасының орынбасары қызметін атқарған.",
    );
    assert!(
        posts(&r)
            .iter()
            .any(|p| p.1 == "deputy_chair" && p.2 == "party:ak-zhol" && p.3 == "former"),
        "{:?}",
        posts(&r)
    );
}

#[test]
fn a_first_deputy_chair_is_a_deputy_chair() {
    let r = run("«Ақ жол» партиясының съезі өтті. Жиынды партия Төрағасының бірінші орынбасары Жанболат Сәрсенов жүргізді.");
    assert!(
        has(
            &r,
            "Жанболат Сәрсенов",
            "deputy_chair",
            "party:ak-zhol",
            "current"
        ),
        "{:?}",
        posts(&r)
    );
}

#[test]
fn a_predicate_after_a_dash_or_a_pronoun_gives_the_post() {
    let r =
        run("«Ақ жол» партиясының съезі өтті. Қазір партияның атқарушы хатшысы – Ғалым Нұрпейіс.");
    assert!(
        has(
            &r,
            "Ғалым Нұрпейіс",
            "executive_secretary",
            "party:ak-zhol",
            "current"
        ),
        "{:?}",
        posts(&r)
    );
    let r = run("Жанболат Сәрсенов сөз сөйледі. Ол да «Ақ жол» партиясының мүшесі.");
    assert!(
        has(
            &r,
            "Жанболат Сәрсенов",
            "member",
            "party:ak-zhol",
            "current"
        ),
        "{:?}",
        posts(&r)
    );
}

#[test]
fn a_party_word_after_the_holder_names_no_party_post() {
    let r = run("«Ақ жол» партиясының съезі өтті. Зауыттың директоры Дәурен Әбенов те партияға сенбейтінін жазды.");
    assert!(
        !posts(&r).iter().any(|p| p.1 == "director"),
        "{:?}",
        posts(&r)
    );
}
