//! A made-up handbook of many job families, for the ladder report's size and speed checks.

use std::path::Path;

/// Writes `n` made-up families (`job-families/<division>/family-<i>.md`) under `root`.
pub fn write_synthetic(root: &Path, n: usize) {
    let divisions = ["widgets", "gadgets", "gizmos", "sprockets", "doohickeys"];
    for i in 0..n {
        let division = divisions[i % divisions.len()];
        let folder = root.join("job-families").join(division);
        std::fs::create_dir_all(&folder).unwrap();
        let name = format!("Part{i} Fitter");
        let mut page = format!("---\ntitle: {name}\ndescription: Fits part {i}.\n---\n\n## Levels\n\n");
        for (prefix, grade) in [("", 6), ("Senior ", 7), ("Staff ", 8), ("Principal ", 9)] {
            page.push_str(&format!(
                "### {prefix}{name}\n\nThe {prefix}{name} reports to the Manager, {name}s.\n\nThe {prefix}{name} is a grade {grade}.\n\n"
            ));
        }
        page.push_str(&format!(
            "### Manager, {name}s\n\nThe Manager, {name}s reports to the Director of Parts.\n\nThe Manager, {name}s is a grade {}.\n",
            if i % 7 == 0 { 7 } else { 8 }
        ));
        std::fs::write(folder.join(format!("family-{i}.md")), page).unwrap();
    }
}
