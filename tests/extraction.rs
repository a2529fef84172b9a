//! Behaviour of the extractor on sentences written for these tests: how
//! titles, quoted names and village names are read in each language.

mod common;

use common::run;
use partygraph::resolve::Resolved;

/// Every mention as (text, entity id).
fn mentions(r: &Resolved) -> Vec<(String, String)> {
    r.entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(|m| (m.text.clone(), e.id.clone())))
        .collect()
}

#[test]
fn a_kazakh_title_takes_in_its_territory() {
    let r = run("Мәртебелі қонақты Қазақстан Президенті Қасым-Жомарт Тоқаев қарсы алды.");
    let role = r
        .roles
        .iter()
        .find(|x| x.role == "president")
        .expect("a president role mention");
    assert_eq!(role.text, "Қазақстан Президенті");
    assert_eq!(role.of.as_deref(), Some("place:kazakhstan"));
    // The place is part of the title, not a mention of its own ...
    assert!(
        !mentions(&r).iter().any(|(t, _)| t.starts_with("Қазақстан")),
        "{:?}",
        mentions(&r)
    );
    // ... but the post and the entity list still name it.
    let post = r
        .posts
        .iter()
        .find(|p| p.role == "president")
        .expect("post");
    assert_eq!(post.org, "place:kazakhstan");
    assert_eq!(post.role_text, "Қазақстан Президенті");
    assert!(r.entities.iter().any(|e| e.id == "place:kazakhstan"));
}

#[test]
fn a_title_with_rank_or_a_region_and_its_head_noun() {
    let r = run("Қасым-Жомарт Тоқаев Қазақстан Республикасының екінші Президенті атанды. Маңғыстау облысы әкімінің бұрынғы орынбасары сотталды.");
    let texts: Vec<&str> = r.roles.iter().map(|x| x.text.as_str()).collect();
    assert!(
        texts.contains(&"Қазақстан Республикасының екінші Президенті"),
        "{texts:?}"
    );
    assert!(texts.contains(&"Маңғыстау облысы әкімінің"), "{texts:?}");
    assert!(mentions(&r).iter().all(|(_, id)| !id.starts_with("place:")));
}

#[test]
fn a_place_where_something_happens_stays_a_place() {
    let r = run("Президент Астанада жиын өткізді.");
    assert!(
        mentions(&r)
            .iter()
            .any(|(t, id)| t == "Астанада" && id == "place:astana"),
        "{:?}",
        mentions(&r)
    );
    assert!(r.roles.iter().all(|x| x.of.is_none()));
}

#[test]
fn russian_jurisdictions_stay_place_mentions() {
    let r = run("Вчера президент Франции Эмманюэль Макрон прибыл в Астану.");
    assert!(
        mentions(&r).iter().any(|(t, _)| t == "Франции"),
        "{:?}",
        mentions(&r)
    );
}

#[test]
fn a_kazakh_quoted_title_is_not_a_place_but_quoted_speech_keeps_its_places() {
    let r = run("Тұрғындар «Смарт Астана» мобильдік қосымшасы арқылы біле алады.");
    assert!(
        !mentions(&r).iter().any(|(_, id)| id == "place:astana"),
        "{:?}",
        mentions(&r)
    );
    let r = run("«Қазақстанға инвестиция салуға дайынбыз», — деді ол.");
    assert!(
        mentions(&r).iter().any(|(_, id)| id == "place:kazakhstan"),
        "{:?}",
        mentions(&r)
    );
}

#[test]
fn villages_need_a_named_head_noun() {
    // ауыл шаруашылығы is agriculture, and "Сондай-ақ" is a word of the sentence.
    let r = run("Сондай-ақ ауыл шаруашылығына бөлінген қаржы талқыланды.");
    assert!(mentions(&r).is_empty(), "{:?}", mentions(&r));
    // аулына: the narrow vowel of ауыл drops before the possessive.
    let r = run("Мемлекет басшысы Қосшы аулына барды.");
    assert!(
        mentions(&r)
            .iter()
            .any(|(t, id)| t.starts_with("Қосшы") && id.starts_with("place:")),
        "{:?}",
        mentions(&r)
    );
}

/// (person id, role, org id) of every post.
fn posts(r: &Resolved) -> Vec<(String, String, String)> {
    r.posts
        .iter()
        .map(|p| (p.person.clone(), p.role.clone(), p.org.clone()))
        .collect()
}

#[test]
fn one_role_shared_by_a_list_of_names() {
    let r = run("Заседание партии AMANAT состоялось. В заседании приняли участие депутаты Мажилиса Алма Карашкызы, Ерлан Сайыров и Болат Керей.");
    let name = |id: &str| r.entities.iter().find(|e| e.id == id).unwrap().name.clone();
    let deputies: Vec<String> = posts(&r)
        .iter()
        .filter(|p| p.1 == "deputy" && p.2 == "org:mazhilis")
        .map(|p| name(&p.0))
        .collect();
    assert_eq!(
        deputies,
        ["Алма Карашкызы", "Ерлан Сайыров", "Болат Керей"],
        "{:?}",
        posts(&r)
    );
}

#[test]
fn the_second_of_a_list_keeps_the_role_with_its_own_branch() {
    let r = run("The Baytaq party met in Karaganda. Kazitov, the head of the Karaganda regional branch, and Kuderinov, of the Temirtau city branch, spoke.");
    let p = posts(&r);
    assert!(
        p.iter().any(|x| x.0.contains("kazitov")
            && x.1 == "chair"
            && x.2 == "unit:baytaq/karaganda-region"),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|x| x.0.contains("kuderinov") && x.1 == "chair" && x.2 == "unit:baytaq/temirtau"),
        "{p:?}"
    );
}

#[test]
fn a_role_named_later_refers_to_its_holder() {
    let r = run("“Байтақ” партиясының конференциясы өтті. Нариман Баубек Астана қаласы филиалының төрағасы болып сайланды. Жаңа төраға делегаттарға алғыс айтты.");
    let later = r
        .roles
        .iter()
        .find(|x| x.text == "төраға")
        .expect("the later role word");
    assert_eq!(later.holder.as_deref(), Some("person:baubek-nariman"));
    // Two holders of one role before it: no guess.
    let r = run("Заседание партии AMANAT состоялось. Председатель Алматинского филиала партии Алма Карашкызы и председатель Астанинского филиала партии Болат Керей выступили. Председатель отметил важность реформы.");
    let last = r.roles.last().expect("role words");
    assert_eq!(last.holder, None, "{:?}", r.roles);
}

#[test]
fn a_place_inside_an_organizations_name_is_a_place_mention() {
    let r = run("The party was registered by the Ministry of Justice of the Republic of Kazakhstan on November 28, 2022.");
    let m = mentions(&r);
    assert!(m.iter().any(|(_, id)| id == "place:kazakhstan"), "{m:?}");
    assert!(m.iter().any(|(_, id)| id.starts_with("org:")), "{m:?}");
}

#[test]
fn events_take_their_place_from_the_text_only() {
    let r = run("«AMANAT» партиясы Түркістан облыстық филиалының кезектен тыс конференциясы өтті.");
    let ev = r.events.first().expect("the conference");
    assert_eq!(ev.place, None, "{:?}", r.events);
    let r = run("Елордада «AMANAT» партиясы Түркістан облыстық филиалының конференциясы өтті.");
    assert_eq!(r.events[0].place.as_deref(), Some("place:astana"));
}

#[test]
fn people_named_among_those_admitted_to_a_council_hold_a_seat_on_it() {
    for text in [
        "«AMANAT» партиясы Павлодар облыстық филиалының саяси кеңесінің құрамына 12 адам қабылданды. Олардың ішінде Ерлан Сайыров пен Болат Керей бар.",
        "В состав политического совета партии AMANAT избраны 10 человек. Среди них Ерлан Сайыров и Болат Керей.",
        "Five people were admitted to the membership of the political council of the AMANAT party. Among them are Erlan Sayyrov and Bolat Kerey.",
    ] {
        let r = run(text);
        let seats: Vec<_> = posts(&r)
            .into_iter()
            .filter(|p| p.1 == "council_member")
            .collect();
        assert_eq!(seats.len(), 2, "{text}: {:?}", posts(&r));
        assert!(seats.iter().all(|p| p.2.contains("amanat")), "{seats:?}");
    }
    // Without the admission before it, "among them" gives no seat.
    let r = run("Жиында көптеген адам сөз сөйледі. Олардың ішінде Ерлан Сайыров бар.");
    assert!(
        posts(&r).iter().all(|p| p.1 != "council_member"),
        "{:?}",
        posts(&r)
    );
}

#[test]
fn a_first_name_alone_inside_a_sentence_names_a_person() {
    let r = run("Бүгін жиынға Динара мен Азамат келді.");
    let m = mentions(&r);
    assert!(m.iter().any(|(t, _)| t == "Динара"), "{m:?}");
    assert!(m.iter().any(|(t, _)| t == "Азамат"), "{m:?}");
    // Lowercase, it is the common noun (азамат: citizen).
    let r = run("Әр азамат сайлауға қатысуы керек.");
    assert!(mentions(&r).is_empty(), "{:?}", mentions(&r));
    // A first name alone after the full name joins it.
    let r = run("Нариман Баубек сөз сөйледі. Кейін Нариман сұрақтарға жауап берді.");
    let people: Vec<_> = r
        .entities
        .iter()
        .filter(|e| e.id.starts_with("person:"))
        .collect();
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].mentions.len(), 2);
    // A region's name that is also a first name names the person, unless its case says where.
    let r = run("Абайдың өлеңдерін оқушылар жатқа айтты.");
    assert!(
        mentions(&r).iter().any(|(_, id)| id.starts_with("person:")),
        "{:?}",
        mentions(&r)
    );
    let r = run("Жиын Абайда өтті.");
    assert!(
        mentions(&r)
            .iter()
            .all(|(_, id)| !id.starts_with("person:")),
        "{:?}",
        mentions(&r)
    );
}

#[test]
fn rivers_seas_and_unknown_rivers_by_their_head_noun() {
    let r = run("Ертіс өзенінің суы көтерілді. Балалар Солёное өзеніне барды. Каспий теңізінің жағасында жиын өтті.");
    let m = mentions(&r);
    assert!(m.iter().any(|(_, id)| id == "place:irtysh"), "{m:?}");
    assert!(
        m.iter()
            .any(|(t, id)| t.starts_with("Солёное") && id.starts_with("place:")),
        "{m:?}"
    );
    assert!(m.iter().any(|(_, id)| id == "place:caspian-sea"), "{m:?}");
}
