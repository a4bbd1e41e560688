"""English sentence rules (``SentenceRules``): titles, abbreviations, sentence starters."""

from __future__ import annotations

from .rules import SentenceRules, words

RULES = SentenceRules(
    lower_after=6,  # abbreviations are shorter, or listed
    never=words(
        """mr mrs ms messrs mmes mme mlle dr drs prof profs gen gens sen sens rep reps gov govs
        lt col maj capt cpt sgt cpl pvt adm cmdr cdr brig rev hon pres supt insp det fr mt ft
        atty amb vs cf viz e.g i.e approx ca incl esp resp"""
    ),
    soft=words(
        """inc ltd co corp llc plc bros etc jr sr esq st ave blvd rd hwy sq dept univ assn assoc
        intl natl govt est al no nos nr vol vols fig figs pp op ch sec art ed eds ref misc ext
        tel para pt ste apt rt ph.d ed.d w.va"""
    ),
    cap_soft=words(
        """jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri
        sat sun ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn
        miss mo mont neb nev okla ore pa penn tenn tex vt va wash wis wyo"""
    ),
    starters=words(
        """The A An He She It They We I You This That These Those There Then But And So Yet Or
        Nor In On At For If When While After Before As Its His Her Their Our My Your Some Many
        Most All Any Several Few However Meanwhile Also Still Now Last Earlier Later Other
        Others One Both Each Every What Why How Who Whom Where Which Although Though Since
        Because Under With Without By From Among During Despite According Until Once Such Here
        Yes No Not Never Even Only Instead Thus Hence Therefore Moreover Furthermore Indeed
        Nevertheless Nonetheless Otherwise Finally First Second Third Next Today Yesterday
        Tonight Everyone Everything Nobody Nothing Someone Something Anyone Police Officials
        Authorities Analysts Experts Shares Sales Did Do Does Is Are Was Were Can Could Will
        Would Should Has Have Had"""
    ),
)
