// A walk through segmentation in jshell. From the repository root:
//   mvn -B -q -DskipTests install -pl segmentation-core,segmentation-allocation -am
//   mvn -B -q dependency:build-classpath -pl segmentation-allocation -Dmdep.outputFile=cp.txt
//   jshell --class-path "$(cat segmentation-allocation/cp.txt):segmentation-core/target/classes:segmentation-allocation/target/classes" \
//       segmentation-examples/src/main/jshell/segmentation.jsh
// SegmentationJshellTest runs this file through the jdk.jshell API in every build.

import dev.segmentation.core.*;
import dev.segmentation.core.criteria.*;
import dev.segmentation.core.model.*;
import dev.segmentation.core.table.*;
import dev.segmentation.core.json.*;
import dev.segmentation.core.profile.*;
import java.nio.file.*;

// 1. Load the 440 wholesale clients (run from the repository root or from segmentation-examples).
// jshell runs a line as soon as it is a complete statement, so continued lines end with '.', '(' or ','.
Path data = Path.of("segmentation-examples/src/main/resources/data/wholesale_customers.csv");
if (!Files.exists(data)) data = Path.of("src/main/resources/data/wholesale_customers.csv");
AccountTable accounts = AccountTable.readCsv(data, CsvOptions.defaults().
    columnType("Channel", ColumnType.CATEGORICAL).
    columnType("Region", ColumnType.CATEGORICAL));
System.out.println(accounts.head(5));

// 2. Criteria: spend per category, log-scaled and standardised.
Criteria criteria = Criteria.builder().
    numeric("Fresh").log1p().standardize().
    numeric("Milk").log1p().standardize().
    numeric("Grocery").log1p().standardize().
    numeric("Detergents_Paper").log1p().standardize().
    build();

// 3. Let the library suggest k, then fit k-means.
KSelection.Result selection = KSelection.builder().
    kmeans(KMeans.builder().clusters(2).restarts(10).seed(42L).build()).
    range(2, 6).
    build().
    run(accounts, criteria);
System.out.println(selection);                 // inertia, silhouette, CH, DB per k; suggested k and rule
KMeansModel model = selection.model(selection.suggestedK());
System.out.println(model);

// 4. Assign and profile.
Segmentation segments = model.assign(accounts);
System.out.println(SegmentProfiles.of(segments));

// 5. Save and reload the model as versioned JSON.
String json = ModelJson.write(model);
KMeansModel reloaded = ModelJson.readKMeansModel(json);
System.out.println("JSON round trip equal: " + reloaded.equals(model));
