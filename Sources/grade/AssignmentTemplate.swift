/// The files of a new assignment, by path relative to its folder: metadata, a case file with
/// a commented example of every kind, a starter with stubs and registration, and an empty
/// examples folder. Its components are ones the reference implements, so it validates at once.
struct AssignmentTemplate {
    /// The assignment's folder name.
    let name: String

    /// Path → contents.
    var files: [String: String] {
        [
            "assignment.yaml": metadata,
            "cases/01-cases.yaml": cases,
            "starter/MulticlassSVM.swift": svmStub,
            "starter/L2Regularization.swift": l2Stub,
            "starter/Registration.swift": registration,
            "starter/README.md": readme,
            "examples/README.md": examplesReadme,
        ]
    }

    private var metadata: String {
        """
        # The format of this file and of cases/*.yaml is described in docs/case-format.md.
        title: "\(name)"
        default_timeout: 10        # seconds a case may take unless it says otherwise
        starter: starter           # the folder students copy and edit

        # Every component students implement, in report order. `name` is what a submission
        # registers (and what reference/Registration.swift registers); `family` is its protocol.
        components:
          - {name: multiclass-svm,    title: "Multiclass SVM (hinge) loss", family: score-loss}
          - {name: l2-regularization, title: "L2 regularization",           family: regularizer}

        """
    }

    private var cases: String {
        """
        # Cases of \(name). Every kind is shown; the commented ones need components of other families.
        # Run `grade validate \(name)` after every change.
        component: multiclass-svm          # the default component of the cases below
        defaults:
          tolerance: {rtol: 1e-6, atol: 1e-9}
          points: 1

        cases:
          # worked-example: literal inputs and expected values, from the lecture.
          - name: svm-cat-2.9
            title: "The lecture's cat image: hinge loss 2.9"
            kind: worked-example
            inputs: {scores: [[3.2, 5.1, -1.7]], labels: [0]}
            expected: {loss: 2.9, gradient: [[-1, 1, 0]]}
            tolerance: {atol: 0.005}
            hint: "Sum max(0, s_j − s_yi + 1) over the wrong classes only."
            hint_when: includes-correct-class   # shown only when the outputs are that known mistake's

          # reference: outputs compared with the reference implementation on seeded inputs.
          - name: svm-reference-batch
            title: "SVM agrees with the reference on a 6×4 batch"
            kind: reference
            seed: 11
            inputs:
              scores: {normal: [6, 4], scale: 2}
              labels: {labels: 6, classes: 4}

          # gradient-check: the analytic gradient against centered differences, away from kinks.
          - name: svm-gradient-check
            title: "The SVM gradient matches centered differences"
            kind: gradient-check
            seed: 12
            inputs:
              scores: {normal: [5, 3], scale: 2}
              labels: {labels: 5, classes: 3}

          # property: a behaviour the lecture asks about.
          - name: svm-excludes-correct-class
            title: "With all scores equal the loss is (C − 1)·Δ"
            kind: property
            property: excludes-correct-class

          # visibility: students see a hidden case as "hidden case 1 of multiclass-svm" and its points;
          # its verdict too only with withheld_cases: verdict in assignment.yaml.
          - name: svm-hidden-batch
            title: "The SVM on a batch students do not see"
            kind: reference
            visibility: hidden
            seed: 13
            inputs:
              scores: {normal: [8, 5], scale: 3}
              labels: {labels: 8, classes: 5}

          - name: l2-regularization-w1
            title: "L2 penalty of w1 = [1, 0, 0, 0] is 1"
            component: l2-regularization
            kind: worked-example
            inputs: {weights: [[1, 0, 0, 0]]}
            expected: {loss: 1, gradient: [[2, 0, 0, 0]]}

          - name: l2-regularization-reference
            title: "L2 regularization agrees with the reference (4×3)"
            component: l2-regularization
            kind: reference
            seed: 21
            inputs: {weights: {normal: [4, 3]}}

          - name: l2-regularization-preference
            title: "L2 prefers spread-out weights"
            component: l2-regularization
            kind: property
            property: regularizer-preference

          # convergence (a minibatch-trainer component, such as sgd):
          # - name: sgd-converges-softmax
          #   component: sgd
          #   kind: convergence
          #   hyperparameters: {learning_rate: 0.5, batch_size: 32, iterations: 300}
          #   convergence: {samples: 300, features: 2, classes: 3, separation: 6, objective: linear-softmax, minimum_accuracy: 0.9}

          # numerical-gradient (a numerical-gradient component): against the exact gradient of a test function.
          # - name: numerical-gradient-quadratic
          #   component: numerical-gradient
          #   kind: numerical-gradient
          #   inputs: {function: seed004-quadratic, point: [[1, 2]]}
          #   tolerance: {atol: 1e-5}

          # reference for an optimizer: the whole trajectory on a test function.
          # - name: adam-bowl-50
          #   component: adam
          #   kind: reference
          #   hyperparameters: {learning_rate: 0.05}
          #   inputs: {parameters: {normal: [1, 5]}, objective: ill-conditioned-bowl, steps: [50]}

        """
    }

    private var svmStub: String {
        """
        import GradeKit

        /// The multiclass SVM (hinge) loss, registered as `multiclass-svm`.
        ///
        /// With `m_j = s_j − s_{y_i} + Δ` for each row `s` of the N×C scores:
        /// `L_i = Σ_{j≠y_i} max(0, m_j)` and `L = (1/N) Σ_i L_i`.
        /// The gradient of `L_i` is `∂L_i/∂s_j = 1[m_j > 0]` for `j ≠ y_i` and
        /// `∂L_i/∂s_{y_i} = −#{j ≠ y_i : m_j > 0}`; the gradient of the mean divides by N.
        public struct MulticlassSVM: ScoreLoss {
            /// The margin Δ. Default 1.
            let margin: Double

            public init(hyperparameters: Hyperparameters) {
                margin = hyperparameters.margin
            }

            /// The mean hinge loss over samples and its gradient with respect to the scores.
            ///
            /// - Parameters:
            ///   - scores: `S`, N×C.
            ///   - labels: `y`, N integers in `0..<C`.
            /// - Returns: `L` and `∂L/∂S`, N×C.
            public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
                // TODO: the loss and dS, averaged over the N samples.
                notImplemented("MulticlassSVM.lossAndGradient")
            }
        }

        """
    }

    private var l2Stub: String {
        """
        import GradeKit

        /// The L2 weight penalty, registered as `l2-regularization`: `R(W) = Σ W²`, `∂R/∂W = 2W`.
        public struct L2Regularization: Regularizer {
            public init(hyperparameters: Hyperparameters) {}

            /// The penalty and its gradient with respect to the weights.
            ///
            /// - Parameter weights: `W`, any shape.
            /// - Returns: `R(W)` and `∂R/∂W`, with the shape of `W`.
            public func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
                // TODO: R = Σ W², dR = 2W.
                notImplemented("L2Regularization.penaltyAndGradient")
            }
        }

        """
    }

    private var registration: String {
        """
        import GradeKit

        /// Registers every component of this submission under the name the grader asks for.
        ///
        /// A component that is not registered, or whose requirement still calls
        /// `notImplemented`, is graded "not implemented"; the others are graded as usual.
        public func registerComponents(in registry: inout ComponentRegistry) {
            registry.register("multiclass-svm", MulticlassSVM.self)
            registry.register("l2-regularization", L2Regularization.self)
        }

        """
    }

    private var readme: String {
        """
        # \(name)

        Implement every component in this folder, replacing each `notImplemented(...)` call.
        Grade your work from the repository root:

            swift run grade \(name) --submission path/to/your/copy

        """
    }

    private var examplesReadme: String {
        """
        # Example submissions

        Each folder here is a wrong submission that proves the cases catch a classic mistake:
        the reference's `.swift` files with one mistake, and an `example.yaml`:

            description: "The hinge sum runs over every class, j = y_i included."
            breaks: [multiclass-svm]          # must lose points; every other component keeps full marks
            expect_problems: [wrong-value]    # optional

        `grade validate \(name)` grades every example and checks it breaks exactly what it claims.

        """
    }
}
